/* A stand-in for Windows' bcryptprimitives.dll, which Wine 8 (Debian 12's) does not have: Rust's
 * standard library draws its random bytes from the ProcessPrng function of that DLL. It serves
 * scripts/test-windows under Wine only and is never shipped; on Windows 10 and 11 the system's
 * own DLL is used. The bytes come from advapi32's RtlGenRandom, the system's generator. */
#include <windows.h>
#include <ntsecapi.h>

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG chunk = length > 0x10000000 ? 0x10000000 : (ULONG)length;
        if (!RtlGenRandom(data, chunk)) {
            return FALSE;
        }
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
