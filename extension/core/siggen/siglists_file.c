/*-------------------------------------------------------------------------
 * extension/core/siggen/siglists_file.c
 *	  Reading the four Socorro list files from a directory and handing
 *	  their texts to siggen_lists_from_text.
 *-------------------------------------------------------------------------
 */
#include "sg_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SG_MAX_LIST_FILE (4 * 1024 * 1024)

static const char *const list_files[4] = {
	"irrelevant_signature_re.txt",
	"prefix_signature_re.txt",
	"signature_sentinels.txt",
	"signatures_with_line_numbers_re.txt"
};

/* Read a whole (small) file into a NUL-terminated string. */
static char *
read_file(const char *path, char *err, size_t errlen)
{
	FILE	   *f = fopen(path, "rb");
	char	   *data;
	size_t		n;

	if (!f)
	{
		snprintf(err, errlen, "cannot open \"%s\"", path);
		return NULL;
	}
	data = malloc(SG_MAX_LIST_FILE + 1);
	n = data ? fread(data, 1, SG_MAX_LIST_FILE + 1, f) : 0;
	fclose(f);
	if (!data || n > SG_MAX_LIST_FILE)
	{
		snprintf(err, errlen, "cannot read \"%s\" (too large or out of memory)", path);
		free(data);
		return NULL;
	}
	data[n] = '\0';
	return data;
}

/* Load the four list files from dir. */
siggen_lists *
siggen_lists_load_dir(const char *dir, char *err, size_t errlen)
{
	char	   *texts[4] = {NULL, NULL, NULL, NULL};
	siggen_lists *lists = NULL;
	int			i;
	int			ok = 1;

	err[0] = '\0';
	for (i = 0; i < 4 && ok; i++)
	{
		char		path[4096];

		snprintf(path, sizeof(path), "%s/%s", dir, list_files[i]);
		texts[i] = read_file(path, err, errlen);
		ok = texts[i] != NULL;
	}
	if (ok)
		lists = siggen_lists_from_text(texts[0], texts[1], texts[2], texts[3],
									   err, errlen);
	for (i = 0; i < 4; i++)
		free(texts[i]);
	return lists;
}
