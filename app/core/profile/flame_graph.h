// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/profile/scalene_profile_model.h"

#include <QList>
#include <QString>

namespace fperf {

// Stacks merged into a call tree for a flame graph: a frame's children are the frames it
// called, merged by function, file and kind (the call site's line differs from call to
// call). A run of native frames without a name or a module is kept as one frame. Node 0 is
// the root, the whole of the stacks' weight.
struct FlameNode
{
    QString function;
    QString file;
    std::optional<int> line; // of the first merged frame
    StackFrame::Kind kind = StackFrame::Kind::Python;
    double weight = 0; // hits (CPU) or MB (memory), this frame and what it called
    double self = 0;   // in this frame itself
    int parent = -1;
    int depth = 0;       // the root is 0
    QList<int> children; // heaviest first
};

struct FlameGraph
{
    QList<FlameNode> nodes; // nodes[0]: the root
    double total() const { return nodes.isEmpty() ? 0 : nodes.first().weight; }
};

// Stacks outermost frame first, as Scalene writes combined_stacks and memory_stacks.
FlameGraph buildFlameGraph(const QList<WeightedStack> &stacks);

// Two sides' stacks in one call tree, for a differential flame graph. A node's weight is the
// two sides' together, so that its children fit inside it as in any flame graph; weightA and
// weightB (by node) say what each side spent there. A frame only one side reached has 0 on
// the other. A side may be several runs (repeats); each set's scale turns its stack weights
// into the common unit (seconds, divided by the side's number of runs for a mean).
struct DiffFlameGraph
{
    FlameGraph graph;
    QList<double> weightA;
    QList<double> weightB;
    bool isEmpty() const { return graph.total() <= 0; }
};
struct StackSet
{
    const QList<WeightedStack> *stacks = nullptr;
    double scale = 1;
};
DiffFlameGraph buildDiffFlameGraph(const QList<StackSet> &a, const QList<StackSet> &b);

// Module import: a stack that runs a module's top level (a `<module>` frame other than the
// outermost one, the program's own) or is inside importlib. On Filare's small runs most of
// the CPU goes there (`from weasyprint import HTML` alone), not to rendering a harness.
bool isImportStack(const WeightedStack &stack);
double importWeight(const QList<WeightedStack> &stacks);
QList<WeightedStack> withoutImports(const QList<WeightedStack> &stacks);
// The stacks with their native frames left out (the interpreter's own, mostly): the time a
// native call took stays with the Python frame that made it.
QList<WeightedStack> pythonFramesOnly(const QList<WeightedStack> &stacks);

// Which graph: of CPU samples (combined_stacks) or allocated MB (memory_stacks), with or
// without module import, with or without native frames.
struct FlameChoice
{
    bool memory = false;
    bool hideImports = false;
    bool pythonOnly = false;
    int key() const { return (memory ? 4 : 0) + (hideImports ? 2 : 0) + (pythonOnly ? 1 : 0); }
};
// Tens of milliseconds on a large profile: build it on a worker.
FlameGraph flameGraphOf(const ScaleneProfile &profile, FlameChoice choice);

// Who calls a function and whom it calls, over all the stacks (hotspot's caller/callee
// view): the function's inclusive and self weight, and per caller and callee the weight of
// the stacks where that call happens. A stack counts once per function, caller or callee,
// however deep its recursion.
struct CallEdge
{
    QString function;
    QString file;
    StackFrame::Kind kind = StackFrame::Kind::Python;
    double weight = 0;
};
struct CallerCallee
{
    double inclusive = 0;
    double self = 0;
    QList<CallEdge> callers; // heaviest first
    QList<CallEdge> callees;
};
CallerCallee callerCallee(const QList<WeightedStack> &stacks, const QString &function,
                          const QString &file, StackFrame::Kind kind);

// One box of the drawn graph: x and width are shares of the zoomed node's weight (0..1),
// depth counts from the zoomed node (0). Boxes narrower than minWidth are left out, and so
// are their children: at any size the graph draws at most about 1/minWidth boxes per row.
struct FlameBox
{
    int node = 0;
    double x = 0;
    double width = 0;
    int depth = 0;
};
QList<FlameBox> layoutFlameGraph(const FlameGraph &graph, int zoomNode, double minWidth);

// The node's path from the root's first child down to it, for a breadcrumb.
QList<int> flamePath(const FlameGraph &graph, int node);

} // namespace fperf
