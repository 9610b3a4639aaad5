// Link-time stand-in for /usr/lib/libSystem.B.dylib: the functions ClubCore imports, and dyld_stub_binder.
typedef unsigned long long uint64_t;
void dyld_stub_binder(void) __asm__("dyld_stub_binder");
void dyld_stub_binder(void) {}
int stat(const char *path, void *buf) { (void)path; (void)buf; return -1; }
uint64_t mach_absolute_time(void) { return 0; }
// Stack protector entry points, which -O1 code with a local buffer imports as apps built by Xcode do.
long __stack_chk_guard;
void __stack_chk_fail(void) {}
