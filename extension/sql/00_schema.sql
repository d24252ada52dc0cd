-- extension/sql/00_schema.sql
-- The tables of crashpipe: what a crash is while it is collected, queued,
-- processed and searched, plus symbols, jobs and API tokens.  Crash tables
-- are range-partitioned by crash_date (the UTC day encoded at the end of the
-- crash id), so a lookup by id prunes to one partition and retention drops
-- whole partitions.  Partitions are made on demand by crashpipe.ensure_partitions.

\echo Use "CREATE EXTENSION crashpipe" to load this file. \quit

CREATE TABLE crashpipe.products (
    name            text PRIMARY KEY,
    enabled         boolean NOT NULL DEFAULT true,
    channels        text[] NOT NULL DEFAULT '{}',
    bug_url         text,
    created_at      timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE crashpipe.products IS 'Products whose crash reports are accepted; crashes for other products are rejected with rule unsupported_product.';
COMMENT ON COLUMN crashpipe.products.name IS 'The ProductName annotation as clients send it, e.g. Firefox.';
COMMENT ON COLUMN crashpipe.products.enabled IS 'false rejects new crashes for this product without deleting stored ones.';
COMMENT ON COLUMN crashpipe.products.channels IS 'Release channels shown for this product, in display order.';
COMMENT ON COLUMN crashpipe.products.bug_url IS 'Bug-tracker URL template for new bugs, with %s for the signature.';
COMMENT ON COLUMN crashpipe.products.created_at IS 'When the product was added.';

INSERT INTO crashpipe.products (name, channels) VALUES
    ('Firefox', '{release,beta,nightly,esr,aurora}'),
    ('Thunderbird', '{release,beta,nightly,esr}'),
    ('Fenix', '{release,beta,nightly}'),
    ('Focus', '{release,beta,nightly}'),
    ('Firefox Enterprise', '{release,esr}'),
    ('MozillaVPN', '{release}'),
    ('ReferenceBrowser', '{release}');
SELECT pg_catalog.pg_extension_config_dump('crashpipe.products', '');

CREATE TABLE crashpipe.raw_crashes (
    crash_id        uuid NOT NULL,
    crash_date      date NOT NULL,
    submitted_at    timestamptz NOT NULL DEFAULT now(),
    product         text,
    version         text,
    annotations     jsonb NOT NULL,
    metadata        jsonb NOT NULL,
    throttle_result text NOT NULL,
    throttle_rule   text NOT NULL,
    PRIMARY KEY (crash_id, crash_date)
) PARTITION BY RANGE (crash_date);
COMMENT ON TABLE crashpipe.raw_crashes IS 'Crash reports as received: annotations and collector metadata, one row per accepted crash.';
COMMENT ON COLUMN crashpipe.raw_crashes.crash_id IS 'Crash id: a UUID4 whose last 7 hex digits are the throttle digit and the UTC collection date YYMMDD.';
COMMENT ON COLUMN crashpipe.raw_crashes.crash_date IS 'UTC day encoded in the crash id; the partition key.';
COMMENT ON COLUMN crashpipe.raw_crashes.submitted_at IS 'When the collector stored the crash (the submitted_timestamp of Socorro).';
COMMENT ON COLUMN crashpipe.raw_crashes.product IS 'ProductName annotation, copied out for throttling and search.';
COMMENT ON COLUMN crashpipe.raw_crashes.version IS 'Version annotation, copied out for throttling and search.';
COMMENT ON COLUMN crashpipe.raw_crashes.annotations IS 'Every annotation the client sent (form fields or the extra JSON part), values as strings; protected data.';
COMMENT ON COLUMN crashpipe.raw_crashes.metadata IS 'Collector metadata: payload kind, compression, size, collector_notes, dump_checksums, user_agent, throttle_rule.';
COMMENT ON COLUMN crashpipe.raw_crashes.throttle_result IS 'accept or defer: the throttler decision that let the crash in.';
COMMENT ON COLUMN crashpipe.raw_crashes.throttle_rule IS 'Name of the throttle rule that decided.';

CREATE TABLE crashpipe.dumps (
    crash_id        uuid NOT NULL,
    crash_date      date NOT NULL,
    name            text NOT NULL,
    data            bytea NOT NULL,
    sha256          text NOT NULL,
    PRIMARY KEY (crash_id, crash_date, name)
) PARTITION BY RANGE (crash_date);
ALTER TABLE crashpipe.dumps ALTER COLUMN data SET STORAGE EXTERNAL;
COMMENT ON TABLE crashpipe.dumps IS 'Binary parts of a crash report (minidumps, memory reports), stored with the raw crash in the same transaction.';
COMMENT ON COLUMN crashpipe.dumps.crash_id IS 'Crash the dump belongs to.';
COMMENT ON COLUMN crashpipe.dumps.crash_date IS 'UTC day encoded in the crash id; the partition key.';
COMMENT ON COLUMN crashpipe.dumps.name IS 'Form-part name after sanitizing, e.g. upload_file_minidump or memory_report.';
COMMENT ON COLUMN crashpipe.dumps.data IS 'The part bytes exactly as received (after any transport gzip was removed); stored uncompressed because minidumps rarely compress well in pglz.';
COMMENT ON COLUMN crashpipe.dumps.sha256 IS 'SHA-256 of data in lower-case hex, also listed in raw_crashes.metadata.dump_checksums.';

CREATE TABLE crashpipe.queue (
    crash_id        uuid PRIMARY KEY,
    crash_date      date NOT NULL,
    priority        integer NOT NULL DEFAULT 0,
    enqueued_at     timestamptz NOT NULL DEFAULT now(),
    state           text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'failed')),
    attempts        integer NOT NULL DEFAULT 0,
    next_try_at     timestamptz NOT NULL DEFAULT now(),
    claimed_by      integer,
    claimed_at      timestamptz,
    last_error      text
);
CREATE INDEX queue_ready_idx ON crashpipe.queue (priority DESC, enqueued_at) WHERE state = 'pending';
COMMENT ON TABLE crashpipe.queue IS 'Work table of crashes waiting to be processed; a row is deleted in the transaction that stores its processed crash.';
COMMENT ON COLUMN crashpipe.queue.crash_id IS 'Crash to process.';
COMMENT ON COLUMN crashpipe.queue.crash_date IS 'UTC day encoded in the crash id, to find the raw crash partition.';
COMMENT ON COLUMN crashpipe.queue.priority IS 'Higher runs first: 0 for new crashes, above 0 for reprocessing asked by people, below 0 for bulk work.';
COMMENT ON COLUMN crashpipe.queue.enqueued_at IS 'When the crash was queued; orders crashes of equal priority.';
COMMENT ON COLUMN crashpipe.queue.state IS 'pending (waiting or being processed) or failed (gave up after crashpipe.processor_max_attempts tries).';
COMMENT ON COLUMN crashpipe.queue.attempts IS 'How many times a worker has claimed this crash.';
COMMENT ON COLUMN crashpipe.queue.next_try_at IS 'Not claimable before this time: the lease of the current claimer, or the back-off after an error.';
COMMENT ON COLUMN crashpipe.queue.claimed_by IS 'Process id of the worker that claimed the crash last.';
COMMENT ON COLUMN crashpipe.queue.claimed_at IS 'When the crash was claimed last.';
COMMENT ON COLUMN crashpipe.queue.last_error IS 'Error message of the last failed attempt.';

-- crashpipe.processed_crashes, with a column per searchable field, is in 30_processed_crashes.sql.

CREATE TABLE crashpipe.signatures (
    signature       text PRIMARY KEY,
    first_seen      timestamptz NOT NULL,
    first_build     text,
    bug_ids         integer[] NOT NULL DEFAULT '{}'
);
COMMENT ON TABLE crashpipe.signatures IS 'One row per crash signature ever seen.';
COMMENT ON COLUMN crashpipe.signatures.signature IS 'The signature text.';
COMMENT ON COLUMN crashpipe.signatures.first_seen IS 'Submission time of the first crash with this signature.';
COMMENT ON COLUMN crashpipe.signatures.first_build IS 'Lowest build id that had a crash with this signature.';
COMMENT ON COLUMN crashpipe.signatures.bug_ids IS 'Bugs linked to this signature.';

CREATE TABLE crashpipe.symbols (
    debug_file      text NOT NULL,
    debug_id        text NOT NULL,
    code_file       text,
    code_id         text,
    os              text,
    arch            text,
    source          text NOT NULL,
    uploaded_at     timestamptz NOT NULL DEFAULT now(),
    uploaded_by     text,
    sym_size        bigint NOT NULL,
    sym_gz          bytea NOT NULL,
    cache           bytea,
    PRIMARY KEY (debug_file, debug_id)
);
ALTER TABLE crashpipe.symbols ALTER COLUMN sym_gz SET STORAGE EXTERNAL;
ALTER TABLE crashpipe.symbols ALTER COLUMN cache SET STORAGE EXTERNAL;
COMMENT ON TABLE crashpipe.symbols IS 'Breakpad symbol files, one per module build, keyed as symbol servers key them.';
COMMENT ON COLUMN crashpipe.symbols.debug_file IS 'Debug file name from the MODULE line, e.g. xul.pdb or libxul.so.';
COMMENT ON COLUMN crashpipe.symbols.debug_id IS 'Debug id from the MODULE line: 33 upper-case hex digits (GUID and age).';
COMMENT ON COLUMN crashpipe.symbols.code_file IS 'Code file name from the INFO CODE_ID line, if any.';
COMMENT ON COLUMN crashpipe.symbols.code_id IS 'Code id from the INFO CODE_ID line, if any.';
COMMENT ON COLUMN crashpipe.symbols.os IS 'Operating system from the MODULE line.';
COMMENT ON COLUMN crashpipe.symbols.arch IS 'CPU architecture from the MODULE line.';
COMMENT ON COLUMN crashpipe.symbols.source IS 'Where the file came from: upload, a symbol server URL, or a directory.';
COMMENT ON COLUMN crashpipe.symbols.uploaded_at IS 'When the file was stored.';
COMMENT ON COLUMN crashpipe.symbols.uploaded_by IS 'Owner of the API token that uploaded it.';
COMMENT ON COLUMN crashpipe.symbols.sym_size IS 'Size of the uncompressed .sym text in bytes.';
COMMENT ON COLUMN crashpipe.symbols.sym_gz IS 'The original .sym text, zlib-compressed, for byte-identical download.';
COMMENT ON COLUMN crashpipe.symbols.cache IS 'Compact binary symbol cache built from the .sym once, used for lookups.';

CREATE TABLE crashpipe.jobs (
    name            text PRIMARY KEY,
    frequency       interval NOT NULL,
    time_of_day     time,
    depends_on      text[] NOT NULL DEFAULT '{}',
    enabled         boolean NOT NULL DEFAULT true,
    next_run        timestamptz NOT NULL DEFAULT now(),
    last_run        timestamptz,
    last_success    timestamptz,
    last_error      text,
    error_count     integer NOT NULL DEFAULT 0
);
COMMENT ON TABLE crashpipe.jobs IS 'Housekeeping jobs run by the scheduler worker, with crontabber semantics.';
COMMENT ON COLUMN crashpipe.jobs.name IS 'Job name; also the SQL function crashpipe.job_<name> that does the work.';
COMMENT ON COLUMN crashpipe.jobs.frequency IS 'How often the job runs.';
COMMENT ON COLUMN crashpipe.jobs.time_of_day IS 'UTC time of day for daily jobs, or null to run as soon as due.';
COMMENT ON COLUMN crashpipe.jobs.depends_on IS 'Jobs that must have succeeded since their last run before this one runs.';
COMMENT ON COLUMN crashpipe.jobs.enabled IS 'false skips the job.';
COMMENT ON COLUMN crashpipe.jobs.next_run IS 'When the job is due next.';
COMMENT ON COLUMN crashpipe.jobs.last_run IS 'When the job last ran.';
COMMENT ON COLUMN crashpipe.jobs.last_success IS 'When the job last succeeded.';
COMMENT ON COLUMN crashpipe.jobs.last_error IS 'Error of the last failed run, null after a success.';
COMMENT ON COLUMN crashpipe.jobs.error_count IS 'Failed runs since the last success.';

CREATE TABLE crashpipe.api_tokens (
    token_hash      bytea PRIMARY KEY,
    owner           text NOT NULL,
    permissions     text[] NOT NULL DEFAULT '{}'
                    CHECK (permissions <@ '{view_pii,view_rawdump,reprocess_crashes,upload_symbols,admin}'::text[]),
    created_at      timestamptz NOT NULL DEFAULT now(),
    expires_at      timestamptz,
    last_used_at    timestamptz
);
COMMENT ON TABLE crashpipe.api_tokens IS 'API tokens for the web front; only the SHA-256 of each token is stored.';
COMMENT ON COLUMN crashpipe.api_tokens.token_hash IS 'SHA-256 of the token as sent in the Auth-Token header.';
COMMENT ON COLUMN crashpipe.api_tokens.owner IS 'Who the token belongs to (an e-mail address or a service name).';
COMMENT ON COLUMN crashpipe.api_tokens.permissions IS 'Granted permissions: view_pii, view_rawdump, reprocess_crashes, upload_symbols, admin.';
COMMENT ON COLUMN crashpipe.api_tokens.created_at IS 'When the token was created.';
COMMENT ON COLUMN crashpipe.api_tokens.expires_at IS 'When the token stops working, or null for never.';
COMMENT ON COLUMN crashpipe.api_tokens.last_used_at IS 'When the token was last accepted.';
