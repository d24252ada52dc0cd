# Makefile
#	Builds crashpipe: the PostgreSQL extension (extension/ + bgworker/ in one
#	shared library, PGXS), the collector and web programs, and runs the
#	embedded default (make up / make down) and every test layer (make test).

EXTENSION = crashpipe
EXTVERSION = $(shell sed -n "s/^default_version = '\(.*\)'/\1/p" crashpipe.control)

MODULE_big = crashpipe
CORE_SRCS = $(wildcard extension/core/*.c) $(wildcard extension/core/siggen/*.c) \
	$(wildcard extension/core/walker/*.c) $(wildcard extension/core/symbols/*.c) \
	$(wildcard extension/core/processor/*.c)
OBJS = $(patsubst %.c,%.o,$(CORE_SRCS) $(wildcard extension/pg/*.c) $(wildcard bgworker/*.c))
PG_CPPFLAGS = -Iextension/core -Iextension/core/siggen -Iextension/core/walker \
	-Iextension/core/symbols -Iextension/core/processor -Iextension/pg
SHLIB_LINK += -lpcre2-8 -lz
PG_CFLAGS = -Wextra -Wno-unused-parameter -Wno-missing-field-initializers -Wno-sign-compare $(if $(WERROR),-Werror)

DATA_built = crashpipe--$(EXTVERSION).sql
DATA = $(wildcard extension/upgrade/crashpipe--*--*.sql)

REGRESS = $(patsubst sql/%.sql,%,$(sort $(wildcard sql/*.sql)))
REGRESS_OPTS = --temp-config=tests/regress.conf --temp-instance=var/regress/tmp_check \
	--outputdir=var/regress

EXTRA_CLEAN = var/build

PG_CONFIG ?= pg_config
PGXS := $(shell $(PG_CONFIG) --pgxs)
include $(PGXS)

# PGXS tracks no header dependencies: rebuild every object when a header
# of the library changes, so a changed struct never meets a stale object.
$(OBJS): $(wildcard extension/core/*.h extension/core/*/*.h extension/pg/*.h bgworker/*.h)

PREFIX ?= /usr/local
PROGRAMS = collector/crashpipe-collector web/crashpipe-web \
	extension/core/walker/cli/crashpipe-stackwalk extension/core/siggen/cli/crashpipe-signature

# The install script is the extension/sql/ pieces in name order.
crashpipe--$(EXTVERSION).sql: $(sort $(wildcard extension/sql/*.sql)) crashpipe.control
	cat $(sort $(wildcard extension/sql/*.sql)) > $@

# The default signature lists: siglists/*.txt (the one editable source) as
# the install script piece that fills crashpipe.siglists.
SIGLISTS = irrelevant:irrelevant_signature_re prefix:prefix_signature_re \
	sentinels:signature_sentinels signatures_with_line_numbers:signatures_with_line_numbers_re
extension/sql/51_siglists_data.sql: $(wildcard siglists/*.txt)
	{ printf -- '-- %s\n-- %s\n\n%s\n' '$@' \
		'Generated from siglists/*.txt by make: edit those files, not this one.' \
		'INSERT INTO crashpipe.siglists (list, position, pattern) VALUES'; \
	  for l in $(SIGLISTS); do \
		awk -v list="$${l%%:*}" '{ sub(/^[ \t\r]+/, ""); sub(/[ \t\r]+$$/, ""); \
			if ($$0 == "" || substr($$0, 1, 1) == "#") next; gsub(/\047/, "\047\047"); \
			printf "    (\047%s\047, %d, \047%s\047),\n", list, NR, $$0 }' siglists/$${l#*:}.txt; \
	  done; } | sed '$$ s/,$$/;/' > $@

crashpipe--$(EXTVERSION).sql: extension/sql/51_siglists_data.sql

all: programs

programs:
	$(MAKE) -C collector
	$(MAKE) -C web
	$(MAKE) -C extension/core/walker/cli
	$(MAKE) -C extension/core/siggen/cli PREFIX=$(PREFIX)

install: install-programs

install-programs: programs
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/crashpipe/static
	install -m 755 $(PROGRAMS) $(DESTDIR)$(PREFIX)/bin/
	install -m 644 web/static/* $(DESTDIR)$(PREFIX)/share/crashpipe/static/
	install -d $(DESTDIR)$(PREFIX)/share/crashpipe/siglists
	install -m 644 siglists/*.txt $(DESTDIR)$(PREFIX)/share/crashpipe/siglists/

clean: clean-programs

clean-programs:
	$(MAKE) -C collector clean
	$(MAKE) -C web clean
	$(MAKE) -C extension/core/walker/cli clean
	$(MAKE) -C extension/core/siggen/cli clean

# --- embedded default -------------------------------------------------------
up:
	bash scripts/up.sh

down:
	bash scripts/down.sh

psql:
	bash scripts/psql.sh

# --- tests --------------------------------------------------------------------
test:
	bash tests/run-all.sh

unit:
	bash tests/unit/run.sh

regress:
	bash tests/regress.sh

e2e:
	bash tests/e2e/run.sh

fuzz:
	bash tests/fuzz/run.sh

browser:
	bash tests/browser/run.sh

# The durability load test (not part of make test: it takes a minute).
loadtest: programs
	bash tests/load/run.sh

# Benchmarks against peers, measured in the same run (not part of make test).
bench: programs
	python3 tests/bench/stackwalk.py
	python3 tests/bench/symbols.py
	python3 tests/bench/web.py
	python3 tests/bench/signatures.py

.PHONY: programs install-programs clean-programs up down psql test unit regress e2e fuzz browser bench loadtest
