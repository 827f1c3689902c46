// rbxpipe: build, check and deploy Roblox lessons. Everything lives in cli/app.cpp and the command files.
#include <malloc.h>

#include "cli/app.h"

int main(int argc, char** argv) {
  // Builds allocate tens of megabytes from several threads; growing each heap 8 MiB at a time instead of page by
  // page saves thousands of mprotect calls per build. Address space only: untouched pages cost nothing.
  mallopt(M_TOP_PAD, 8 << 20);
  return rbxpipe::cli::run(argc, argv);
}
