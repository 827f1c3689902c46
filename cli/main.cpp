// rbxpipe: build, check and deploy Roblox lessons. Everything lives in cli/app.cpp and the command files.
#include "cli/app.h"

int main(int argc, char** argv) { return rbxpipe::cli::run(argc, argv); }
