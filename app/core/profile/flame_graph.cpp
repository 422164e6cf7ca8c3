// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/profile/flame_graph.h"

#include <QHash>
#include <QSet>

#include <algorithm>

namespace fperf {

namespace {
// Frames merge by function, file and kind; each distinct frame gets a number once.
struct FrameKey
{
    QString function;
    QString file;
    bool native = false;
    bool operator==(const FrameKey &o) const
    {
        return native == o.native && function == o.function && file == o.file;
    }
};
size_t qHash(const FrameKey &k, size_t seed = 0)
{
    return qHashMulti(seed, k.function, k.file, k.native);
}

void sortChildren(FlameGraph &g, int node)
{
    QList<int> &c = g.nodes[node].children;
    std::stable_sort(c.begin(), c.end(),
                     [&g](int a, int b) { return g.nodes.at(a).weight > g.nodes.at(b).weight; });
    for (int child : std::as_const(g.nodes[node].children))
        sortChildren(g, child);
}

bool isModuleFrame(const StackFrame &f)
{
    return f.function == QLatin1String("<module>");
}

// Adds stacks to a graph being built; side, when given, collects the added weight per node
// as well (the two sides of a differential graph share one tree).
class FlameGraphBuilder
{
public:
    FlameGraphBuilder() { m_graph.nodes.append(FlameNode{}); }

    void add(const QList<WeightedStack> &stacks, double scale, QList<double> *side)
    {
        FlameGraph &g = m_graph;
        const auto addTo = [&](int node, double w) {
            g.nodes[node].weight += w;
            if (side) {
                if (side->size() <= node)
                    side->resize(node + 1, 0.0);
                (*side)[node] += w;
            }
        };
        for (const WeightedStack &s : stacks) {
            if (s.weight <= 0)
                continue;
            const double w = s.weight * scale;
            int at = 0;
            addTo(0, w);
            bool previousUnnamed = false;
            for (const StackFrame &f : s.frames) {
                // A run of native frames Scalene could not name is one frame: dozens of
                // "[unknown]" rows would say nothing more.
                const bool unnamed =
                    f.kind == StackFrame::Kind::Native && f.function.isEmpty() && f.file.isEmpty();
                if (unnamed && previousUnnamed)
                    continue;
                previousUnnamed = unnamed;
                const FrameKey key{f.function, f.file, f.kind == StackFrame::Kind::Native};
                auto found = m_frameIds.constFind(key);
                if (found == m_frameIds.constEnd())
                    found = m_frameIds.insert(key, quint32(m_frameIds.size()));
                const quint32 id = *found;
                const quint64 edge = (quint64(quint32(at)) << 32) | id;
                int child = m_childOf.value(edge, -1);
                if (child < 0) {
                    child = int(g.nodes.size());
                    FlameNode n;
                    n.function = f.function;
                    n.file = f.file;
                    n.line = f.line;
                    n.kind = f.kind;
                    n.parent = at;
                    n.depth = g.nodes.at(at).depth + 1;
                    g.nodes.append(n);
                    m_childOf.insert(edge, child);
                    g.nodes[at].children.append(child);
                }
                addTo(child, w);
                at = child;
            }
            g.nodes[at].self += w;
        }
    }

    FlameGraph finish()
    {
        sortChildren(m_graph, 0);
        return std::move(m_graph);
    }

private:
    FlameGraph m_graph;
    QHash<FrameKey, quint32> m_frameIds;
    QHash<quint64, int> m_childOf; // (parent node, frame id) -> child node
};
} // namespace

FlameGraph buildFlameGraph(const QList<WeightedStack> &stacks)
{
    FlameGraphBuilder builder;
    builder.add(stacks, 1.0, nullptr);
    return builder.finish();
}

DiffFlameGraph buildDiffFlameGraph(const QList<StackSet> &a, const QList<StackSet> &b)
{
    FlameGraphBuilder builder;
    DiffFlameGraph d;
    for (const StackSet &set : a)
        builder.add(*set.stacks, set.scale, &d.weightA);
    for (const StackSet &set : b)
        builder.add(*set.stacks, set.scale, &d.weightB);
    d.graph = builder.finish();
    const qsizetype n = d.graph.nodes.size();
    d.weightA.resize(n, 0.0);
    d.weightB.resize(n, 0.0);
    return d;
}

bool isImportStack(const WeightedStack &stack)
{
    for (qsizetype i = 0; i < stack.frames.size(); ++i) {
        const StackFrame &f = stack.frames.at(i);
        if (f.file.startsWith(QLatin1String("<frozen importlib")))
            return true;
        if (i > 0 && isModuleFrame(f))
            return true;
    }
    return false;
}

double importWeight(const QList<WeightedStack> &stacks)
{
    double sum = 0;
    for (const WeightedStack &s : stacks) {
        if (s.weight > 0 && isImportStack(s))
            sum += s.weight;
    }
    return sum;
}

QList<WeightedStack> withoutImports(const QList<WeightedStack> &stacks)
{
    QList<WeightedStack> out;
    for (const WeightedStack &s : stacks) {
        if (!isImportStack(s))
            out.append(s);
    }
    return out;
}

QList<WeightedStack> pythonFramesOnly(const QList<WeightedStack> &stacks)
{
    QList<WeightedStack> out;
    out.reserve(stacks.size());
    for (const WeightedStack &s : stacks) {
        WeightedStack python{{}, s.weight};
        for (const StackFrame &f : s.frames) {
            if (f.kind == StackFrame::Kind::Python)
                python.frames.append(f);
        }
        out.append(python);
    }
    return out;
}

FlameGraph flameGraphOf(const ScaleneProfile &p, FlameChoice choice)
{
    QList<WeightedStack> stacks = choice.memory ? p.memoryStacks : p.combinedStacks;
    if (choice.hideImports)
        stacks = withoutImports(stacks);
    if (choice.pythonOnly)
        stacks = pythonFramesOnly(stacks);
    return buildFlameGraph(stacks);
}

CallerCallee callerCallee(const QList<WeightedStack> &stacks, const QString &function,
                          const QString &file, StackFrame::Kind kind)
{
    CallerCallee cc;
    const FrameKey target{function, file, kind == StackFrame::Kind::Native};
    QHash<FrameKey, int> callerAt, calleeAt;
    const auto add = [](QList<CallEdge> &edges, QHash<FrameKey, int> &at, QSet<int> &seen,
                        const StackFrame &f, double weight) {
        const FrameKey key{f.function, f.file, f.kind == StackFrame::Kind::Native};
        int i = at.value(key, -1);
        if (i < 0) {
            i = int(edges.size());
            at.insert(key, i);
            edges.append({f.function, f.file, f.kind, 0});
        }
        if (!seen.contains(i)) { // once per stack
            seen.insert(i);
            edges[i].weight += weight;
        }
    };
    for (const WeightedStack &s : stacks) {
        if (s.weight <= 0)
            continue;
        bool in = false;
        QSet<int> callersSeen, calleesSeen;
        for (qsizetype i = 0; i < s.frames.size(); ++i) {
            const StackFrame &f = s.frames.at(i);
            if (!(FrameKey{f.function, f.file, f.kind == StackFrame::Kind::Native} == target))
                continue;
            in = true;
            if (i > 0)
                add(cc.callers, callerAt, callersSeen, s.frames.at(i - 1), s.weight);
            if (i + 1 < s.frames.size())
                add(cc.callees, calleeAt, calleesSeen, s.frames.at(i + 1), s.weight);
        }
        if (!in)
            continue;
        cc.inclusive += s.weight;
        const StackFrame &leaf = s.frames.last();
        if (FrameKey{leaf.function, leaf.file, leaf.kind == StackFrame::Kind::Native} == target)
            cc.self += s.weight;
    }
    for (QList<CallEdge> *edges : {&cc.callers, &cc.callees})
        std::stable_sort(edges->begin(), edges->end(),
                         [](const CallEdge &a, const CallEdge &b) { return a.weight > b.weight; });
    return cc;
}

QList<FlameBox> layoutFlameGraph(const FlameGraph &g, int zoomNode, double minWidth)
{
    QList<FlameBox> boxes;
    if (zoomNode < 0 || zoomNode >= g.nodes.size() || g.nodes.at(zoomNode).weight <= 0)
        return boxes;
    const double scale = 1.0 / g.nodes.at(zoomNode).weight;
    // Breadth-first, so each row is complete before the next.
    QList<FlameBox> queue{{zoomNode, 0, 1, 0}};
    for (qsizetype q = 0; q < queue.size(); ++q) {
        const FlameBox box = queue.at(q);
        boxes.append(box);
        double x = box.x;
        for (int child : g.nodes.at(box.node).children) {
            const double w = g.nodes.at(child).weight * scale;
            if (w >= minWidth)
                queue.append({child, x, w, box.depth + 1});
            x += w;
        }
    }
    return boxes;
}

QList<int> flamePath(const FlameGraph &g, int node)
{
    QList<int> path;
    for (int at = node; at > 0 && at < g.nodes.size(); at = g.nodes.at(at).parent)
        path.prepend(at);
    return path;
}

} // namespace fperf
