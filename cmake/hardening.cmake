# Compiler and linker hardening (OWASP ASVS 4.0 14.1.2; the flags of Debian's own hardening
# policy, dpkg-buildflags "hardening=+all"). scripts/check-hardening reads them back from the
# built binary, and ctest runs it.
#
# - _FORTIFY_SOURCE=2: glibc checks the sizes of buffers it can see (memcpy, snprintf, read);
#   it needs the optimiser, so only the optimised build types have it (Release, RelWithDebInfo,
#   MinSizeRel), and the sanitizer and fuzz builds, whose own checks it would hide, go without.
# - -fstack-protector-strong: a canary in every function with a local array or address taken.
# - -fstack-clash-protection: a large stack allocation cannot jump over the guard page.
# - -fcf-protection: Intel CET landing pads (x86-64 only). Compiled in, but the executable is not
#   marked for CET: Debian 12's own start files (Scrt1.o, crti.o) carry no mark, so the linker
#   leaves it off, and nothing enforces it. scripts/check-hardening does not claim it.
# - position-independent executables (address space layout randomisation), a read-only
#   relocation table resolved at start (full RELRO: -z relro -z now) and no executable stack.
# _GLIBCXX_ASSERTIONS (bounds checks on every operator[]) is not on: see docs/security.md.
option(SELFDIRECT_HARDEN "Build with compiler and linker hardening flags" ON)
if(NOT SELFDIRECT_HARDEN)
  return()
endif()

include(CheckPIESupported)
check_pie_supported(LANGUAGES CXX)
set(CMAKE_POSITION_INDEPENDENT_CODE ON)

add_compile_options(-fstack-protector-strong -fstack-clash-protection)
if(CMAKE_SYSTEM_PROCESSOR MATCHES "x86_64|AMD64")
  add_compile_options(-fcf-protection)
endif()
if(NOT SELFDIRECT_SANITIZE AND NOT SELFDIRECT_FUZZ)
  add_compile_options(
    "$<$<CONFIG:Release,RelWithDebInfo,MinSizeRel>:-U_FORTIFY_SOURCE;-D_FORTIFY_SOURCE=2>")
endif()
add_link_options(-Wl,-z,relro -Wl,-z,now -Wl,-z,noexecstack)
