// SPDX-License-Identifier: MIT
#pragma once

// `hookbench` with no command: the desktop workbench. Options: --db FILE, --fixtures DIR,
// --no-listen (do not start the listener on launch).
namespace hb::gui {

int run(int &argc, char **argv);

} // namespace hb::gui
