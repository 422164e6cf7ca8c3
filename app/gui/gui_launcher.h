// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace fperf::gui {

// `filare-perf [PROJECT.yml...] [--profile]`: the window. Returns the exit code.
int runGui(int argc, char *argv[]);

// Environment QtWebEngine needs here: no sandbox as root (Chromium refuses otherwise).
void prepareWebEngineEnvironment();

} // namespace fperf::gui
