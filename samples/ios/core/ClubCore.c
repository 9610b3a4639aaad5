// ClubCore: the sample app's own framework (cache housekeeping and a latency timer), built as apps build small
// C frameworks. It uses two required-reason API categories: file timestamps (stat) and system boot time
// (mach_absolute_time). Its privacy manifest (PrivacyInfo.plist, shipped as a binary plist) declares only the
// boot-time category, so the file-timestamp use is undeclared (ITMS-91053).
typedef unsigned long long uint64_t;

struct timespec_ { long tv_sec; long tv_nsec; };
struct stat_ { char pad[64]; struct timespec_ st_mtimespec; char rest[72]; };
int stat(const char *path, struct stat_ *buf);
uint64_t mach_absolute_time(void);

static uint64_t started;

/** Seconds since the cached room list was written, or -1 when there is none. */
long ClubCoreCacheAge(const char *path, long now) {
  struct stat_ st;
  if (stat(path, &st) != 0) return -1;
  return now - st.st_mtimespec.tv_sec;
}

void ClubCoreTimerStart(void) { started = mach_absolute_time(); }

uint64_t ClubCoreTimerElapsed(void) { return mach_absolute_time() - started; }
