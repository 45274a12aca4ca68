// File: commands.h
// The `selfdirect` command line: subcommands and their options (CLI11). Exit codes follow
// docs/architecture.md: 0 ok, 1 bad input, 2 usage, 70 internal error.
#pragma once

namespace selfdirect::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitBadInput = 1;
inline constexpr int kExitUsage = 2;
inline constexpr int kExitInternal = 70;

// Runs the command line and returns the process exit code.
int Main(int argc, char** argv);

}  // namespace selfdirect::cli
