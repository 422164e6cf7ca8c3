// SPDX-License-Identifier: GPL-3.0-or-later
// The container variant of the launch plan: pure rules, table-tested.
#include "core/launch/container_command.h"
#include "core/launch/scalene_command_builder.h"
#include "core/tools/container_check.h"

#include <QtTest>

using namespace fperf;

Q_DECLARE_METATYPE(fperf::ContainerTarget)
Q_DECLARE_METATYPE(fperf::HostUser)

namespace {
ContainerTarget podman(bool rootless = false)
{
    ContainerTarget t;
    t.engine = ContainerEngine::Podman;
    t.engineProgram = QStringLiteral("/usr/bin/podman");
    t.rootless = rootless;
    t.image = QStringLiteral("localhost/filare-perf-tools:latest");
    t.imageId = QStringLiteral("5d968d4fd73c");
    return t;
}

ContainerTarget docker()
{
    ContainerTarget t = podman();
    t.engine = ContainerEngine::Docker;
    t.engineProgram = QStringLiteral("/usr/bin/docker");
    return t;
}

QList<ContainerMount> mounts(std::initializer_list<std::pair<const char *, bool>> list)
{
    QList<ContainerMount> out;
    for (const auto &[path, ro] : list)
        out.append({QString::fromUtf8(path), ro});
    return out;
}

const QString kImagePy = QStringLiteral("/opt/perf/bin/python");
const QString kImageFilare = QStringLiteral("/opt/perf/bin/filare");
const QString kImagePkg = QStringLiteral("/opt/perf/lib/python3.11/site-packages/filare");
} // namespace

class ContainerCommandTest : public QObject
{
    Q_OBJECT
private slots:
    void userMapping_data()
    {
        QTest::addColumn<ContainerTarget>("target");
        QTest::addColumn<HostUser>("user");
        QTest::addColumn<QStringList>("options");
        QTest::newRow("rootful podman as root") << podman() << HostUser{0, 0} << QStringList{};
        QTest::newRow("rootless podman keeps ids")
            << podman(true) << HostUser{1000, 1000} << QStringList{"--userns=keep-id"};
        QTest::newRow("docker as a user")
            << docker() << HostUser{1000, 100} << QStringList{"--user", "1000:100"};
        QTest::newRow("docker as root") << docker() << HostUser{0, 0} << QStringList{};
    }
    void userMapping()
    {
        QFETCH(ContainerTarget, target);
        QFETCH(HostUser, user);
        QFETCH(QStringList, options);
        QCOMPARE(userMappingOptions(target, user), options);
    }

    void mountsFold_data()
    {
        QTest::addColumn<QStringList>("readOnly");
        QTest::addColumn<QStringList>("readWrite");
        QTest::addColumn<QList<ContainerMount>>("expected");
        QTest::newRow("project and outputs apart")
            << QStringList{"/p"} << QStringList{"/out"} << mounts({{"/out", false}, {"/p", true}});
        QTest::newRow("outputs inside the project: writable over read-only")
            << QStringList{"/p"} << QStringList{"/p/outputs/perf"}
            << mounts({{"/p", true}, {"/p/outputs/perf", false}});
        QTest::newRow("metadata in the project folder: once")
            << QStringList{"/p", "/p", "/p/meta"} << QStringList{"/out"}
            << mounts({{"/out", false}, {"/p", true}});
        QTest::newRow("a sibling with a common prefix is its own")
            << QStringList{"/p", "/p2"} << QStringList{"/out"}
            << mounts({{"/out", false}, {"/p", true}, {"/p2", true}});
        QTest::newRow("project inside the output folder: covered by the writable one")
            << QStringList{"/w/p"} << QStringList{"/w"} << mounts({{"/w", false}});
        QTest::newRow("same folder both ways: writable wins")
            << QStringList{"/w"} << QStringList{"/w"} << mounts({{"/w", false}});
        QTest::newRow("trailing slashes and dots cleaned")
            << QStringList{"/p/./"} << QStringList{"/o/x/.."}
            << mounts({{"/o", false}, {"/p", true}});
    }
    void mountsFold()
    {
        QFETCH(QStringList, readOnly);
        QFETCH(QStringList, readWrite);
        QFETCH(QList<ContainerMount>, expected);
        QCOMPARE(containerMounts(readOnly, readWrite), expected);
    }

    void mountProblems()
    {
        QVERIFY(containerMountProblem(QStringLiteral("/home/me/proj")).isEmpty());
        QVERIFY(containerMountProblem(QStringLiteral("/home/me/a b,c ü")).isEmpty());
        const QString p = containerMountProblem(QStringLiteral("/home/me/a:b"));
        QVERIFY(p.contains(QStringLiteral("/home/me/a:b")));
        QVERIFY(p.contains(QStringLiteral("FIL_PERF_CONTAINER_IMAGE")));
    }

    void wrapsOneCommand()
    {
        ContainerTarget t = podman();
        t.globalOptions = {"--runtime", "runc"};
        t.runOptions = {"--ulimit", "nofile=1024:1024"};
        t.environment = {{"PYTHONPATH", "/src/filare/src"}};
        CommandSpec spec{CommandRole::Profile,
                         {kImagePy, "-m", "scalene", "run"},
                         "/p",
                         {{"PYTHONUNBUFFERED", "1"}},
                         {"GITHUB_TOKEN"},
                         {},
                         {},
                         {},
                         {}};
        const CommandSpec c = containerCommand(spec, t, mounts({{"/p", true}, {"/out", false}}),
                                               HostUser{0, 0}, "fperf-T-profile");
        const QStringList expected{"/usr/bin/podman",
                                   "--runtime",
                                   "runc",
                                   "run",
                                   "--rm",
                                   "--name",
                                   "fperf-T-profile",
                                   "--pull",
                                   "never",
                                   "--network",
                                   "none",
                                   "--ulimit",
                                   "nofile=1024:1024",
                                   "-v",
                                   "/p:/p:ro",
                                   "-v",
                                   "/out:/out",
                                   "-w",
                                   "/p",
                                   "-e",
                                   "PYTHONPATH=/src/filare/src",
                                   "-e",
                                   "PYTHONUNBUFFERED=1",
                                   "localhost/filare-perf-tools:latest",
                                   kImagePy,
                                   "-m",
                                   "scalene",
                                   "run"};
        QCOMPARE(c.argv, expected);
        QCOMPARE(c.role, CommandRole::Profile);
        QCOMPARE(c.cwd, QStringLiteral("/p"));
        QVERIFY(c.envChanges.isEmpty());                     // given inside with -e
        QCOMPARE(c.envRemoved, QStringList{"GITHUB_TOKEN"}); // still kept from the client
        QCOMPARE(c.cleanupArgv, (QStringList{"/usr/bin/podman", "--runtime", "runc", "rm", "-f",
                                             "--time", "0", "--ignore", "fperf-T-profile"}));
    }

    void mappedUserGetsAHome()
    {
        const CommandSpec c =
            containerCommand({CommandRole::Plain, {"x"}, "/p", {}, {}, {}, {}, {}, {}}, docker(),
                             {}, HostUser{1000, 1000}, "n");
        QVERIFY(c.argv.contains("--user"));
        QVERIFY(c.argv.contains("HOME=/tmp"));
        QCOMPARE(c.cleanupArgv, (QStringList{"/usr/bin/docker", "rm", "-f", "n"}));
    }

    void containerName_()
    {
        QCOMPARE(containerName("abc", CommandRole::HtmlReport),
                 QStringLiteral("fperf-abc-html-report"));
    }

    // The whole plan: every command in the container but filare-perf's own, mounts from the
    // project, the inputs and the output folder.
    void planInContainer()
    {
        LaunchInputs in;
        in.settings.scalene.html = false;
        in.settings.filare.metadata = {"../shared/meta.yml"};
        in.python = kImagePy;
        in.scaleneVersion = QVersionNumber(2, 4, 0);
        in.filareScript = kImageFilare;
        in.filarePackageDir = kImagePkg;
        in.filareCodePaths = {kImagePkg + "/models/"};
        in.projectFiles = {"/home/u/proj/h.yml"};
        in.outputDir = "/home/u/proj/outputs/perf";
        in.label = "L";
        in.filarePerfProgram = "/usr/bin/filare-perf";
        in.container = podman();
        in.runToken = "tok";
        const LaunchPlan plan = buildLaunchPlan(in);
        QVERIFY2(plan.errors.isEmpty(), qPrintable(plan.errors.join('\n')));
        QCOMPARE(plan.commands.size(), 2); // profile, text report (2.x: scalene view, inside)
        for (const CommandSpec &c : plan.commands) {
            QCOMPARE(c.argv.first(), QStringLiteral("/usr/bin/podman"));
            QVERIFY(c.argv.contains("-v"));
            QVERIFY(c.argv.contains("/home/u/proj:/home/u/proj:ro"));
            QVERIFY(c.argv.contains("/home/u/shared:/home/u/shared:ro"));
            QVERIFY(c.argv.contains("/home/u/proj/outputs/perf:/home/u/proj/outputs/perf"));
            QVERIFY(!c.cleanupArgv.isEmpty());
        }
        const CommandSpec &profile = plan.commands.first();
        QVERIFY(profile.argv.contains("fperf-tok-profile"));
        QVERIFY(profile.argv.contains(kImagePkg + "/models/"));
        QVERIFY(profile.argv.contains("/home/u/proj/outputs/perf/L-scalene.json"));

        // 1.5.x: the text report is filare-perf's own and stays here.
        in.scaleneVersion = QVersionNumber(1, 5, 16);
        const LaunchPlan old = buildLaunchPlan(in);
        QCOMPARE(old.commands.last().argv.first(), QStringLiteral("/usr/bin/filare-perf"));
        QVERIFY(old.commands.last().cleanupArgv.isEmpty());

        // A path the -v syntax cannot carry is refused, with the fix.
        in.outputDir = "/home/u/a:b";
        QVERIFY(!buildLaunchPlan(in).errors.isEmpty());

        // Without a container nothing is wrapped.
        in.container.reset();
        in.outputDir = "/home/u/proj/outputs/perf";
        QCOMPARE(buildLaunchPlan(in).commands.first().argv.first(), kImagePy);
    }

    void profiledFilesOnThisMachine()
    {
        ContainerTarget t = podman();
        t.packageDirInImage = kImagePkg;
        t.packageCopy = "/home/u/.cache/filare-perf/images/5d96/filare";
        QCOMPARE(hostPathOfProfiledFile(t, kImagePkg + "/models/harness.py"),
                 QStringLiteral("/home/u/.cache/filare-perf/images/5d96/filare/models/harness.py"));
        // A mounted file, or a neighbour with a common prefix, is the host's as it is.
        QCOMPARE(hostPathOfProfiledFile(t, "/home/u/proj/x.py"),
                 QStringLiteral("/home/u/proj/x.py"));
        QCOMPARE(hostPathOfProfiledFile(t, kImagePkg + "_extra/y.py"), kImagePkg + "_extra/y.py");
        t.packageCopy.clear(); // the copy failed: nothing to map to
        QCOMPARE(hostPathOfProfiledFile(t, kImagePkg + "/a.py"), kImagePkg + "/a.py");
    }

    void startCandidates()
    {
        const auto withRunc = containerStartCandidates(ContainerEngine::Podman, true);
        QCOMPARE(withRunc.size(), 4);
        QVERIFY(withRunc.first().isEmpty()); // the engine's defaults first
        QCOMPARE(containerStartCandidates(ContainerEngine::Podman, false).size(), 2);
        QCOMPARE(containerStartCandidates(ContainerEngine::Docker, true).size(), 2);
        QStringList global;
        QStringList run;
        splitStartOptions(withRunc.last(), &global, &run);
        QCOMPARE(global, (QStringList{"--runtime", "runc"}));
        QCOMPARE(run, (QStringList{"--ulimit", "nofile=1024:1024", "--ulimit", "nproc=1024:1024"}));
    }

    void engineChoice()
    {
        QTemporaryDir bin;
        QVERIFY(bin.isValid());
        const auto plant = [&bin](const QString &name) {
            QFile f(bin.filePath(name));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.setPermissions(QFile::ReadOwner | QFile::ExeOwner);
        };
        QVERIFY(chooseContainerEngine({}, bin.path()).program.isEmpty());
        plant("docker");
        QCOMPARE(chooseContainerEngine({}, bin.path()).engine, ContainerEngine::Docker);
        plant("podman");
        QCOMPARE(chooseContainerEngine({}, bin.path()).engine, ContainerEngine::Podman);
        const EngineChoice asked = chooseContainerEngine("docker", bin.path());
        QCOMPARE(asked.engine, ContainerEngine::Docker);
        QCOMPARE(asked.program, bin.filePath("docker"));
    }

    void packageInTree()
    {
        QTemporaryDir tree;
        QVERIFY(filarePackageInTree(tree.path()).isEmpty());
        QVERIFY(QDir(tree.path()).mkpath("src/filare"));
        QFile init(tree.filePath("src/filare/__init__.py"));
        QVERIFY(init.open(QIODevice::WriteOnly));
        init.close();
        QCOMPARE(filarePackageInTree(tree.path()), QDir::cleanPath(tree.filePath("src/filare")));
    }
};

QTEST_GUILESS_MAIN(ContainerCommandTest)
#include "tst_container_command.moc"
