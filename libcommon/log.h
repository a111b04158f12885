/* Messages on stderr, one line each: "APPLET: message". */
#ifndef PIDBOX_LOG_H
#define PIDBOX_LOG_H

/* The name the applet was called by, set once by the dispatcher. */
extern const char *log_prog;
/* 0: errors and warnings only; 1 (-v): what happens; 2 (-vv): debugging. */
extern int log_level;

void log_msg(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
__attribute__((noreturn, format(printf, 2, 3)))
void die(int status, const char *fmt, ...);

/* strerror() without musl's table: the errnos pidbox can meet, else "error N". */
const char *err_str(int errnum);

/* -v messages cost nothing when CONFIG_FEATURE_VERBOSE is off. */
#ifdef CONFIG_FEATURE_VERBOSE
#define log_info(...) do { if (log_level >= 1) log_msg(__VA_ARGS__); } while (0)
#define log_debug(...) do { if (log_level >= 2) log_msg(__VA_ARGS__); } while (0)
#else
#define log_info(...) do { if (0) log_msg(__VA_ARGS__); } while (0)
#define log_debug(...) do { if (0) log_msg(__VA_ARGS__); } while (0)
#endif

#endif
