// selfdirect: the one binary. Wiring only; see src/cli for the commands.
#include "cli/commands.h"

int main(int argc, char** argv) { return selfdirect::cli::Main(argc, argv); }
