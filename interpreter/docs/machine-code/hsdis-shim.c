/* Adapts Debian's libhsdis0-fcml (the pre-JDK 9 hsdis entry point decode_instructions) to the
   entry point JDK 17 looks up (decode_instructions_virtual). Live code: the buffer is the code. */
#include <stdint.h>
extern void* decode_instructions(void* start, void* end,
    void* (*event_callback)(void*, const char*, void*), void* event_stream,
    int (*printf_callback)(void*, const char*, ...), void* printf_stream, const char* options);
void* decode_instructions_virtual(uintptr_t start_va, uintptr_t end_va, unsigned char* buffer, uintptr_t length,
    void* (*event_callback)(void*, const char*, void*), void* event_stream,
    int (*printf_callback)(void*, const char*, ...), void* printf_stream, const char* options, int newline) {
  (void) start_va; (void) end_va; (void) newline;
  return decode_instructions(buffer, buffer + length, event_callback, event_stream, printf_callback, printf_stream, options);
}
