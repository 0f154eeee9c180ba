// SPDX-License-Identifier: MIT
#pragma once

// `hookbench bench gui [--captures N] [--seconds S] [--rate R]`: the window on a temporary store
// of N realistic captures (time to first paint with rows, and to the last rows after scrolling to
// the end), then the GUI thread's stalls while its listener takes R requests a second for S
// seconds. The last line reads "first paint N ms, worst stall M ms". Needs a QApplication, so
// main() routes here before the commands' QCoreApplication exists; without a display it runs
// on Qt's offscreen platform.
namespace hb::gui {

int runGuiBench(int &argc, char **argv);

} // namespace hb::gui
