/* The text behind an applet's NAME_usage (see scripts/gen-applets.sh). */
#ifndef PIDBOX_USAGE_H
#define PIDBOX_USAGE_H

/*
 * With CONFIG_FEATURE_COMPRESS_USAGE, NAME_usage is a one-byte marker and the texts are
 * packed (scripts/usage_pack.c): this unpacks them once and returns the marked one.
 * Otherwise NAME_usage is the text itself and comes back as it is.
 */
#ifdef CONFIG_FEATURE_COMPRESS_USAGE
const char *usage_text(const char *usage);
#else
static inline const char *usage_text(const char *usage)
{
	return usage;
}
#endif

#endif
