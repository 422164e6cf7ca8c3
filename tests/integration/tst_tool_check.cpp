// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/tools/interpreter_resolver.h"
#include "core/report/offline_web_assets.h"
#include "core/tools/tool_check.h"
#include "test_support.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using namespace fperf;

Q_DECLARE_METATYPE(fperf::ToolStatus)

namespace {
// A Python with neither Scalene nor Filare: a bare venv of Debian's Python (whose own
// site-packages hold Debian's Scalene 1.5.16).
QString bareInterpreter(const QTemporaryDir &dir)
{
    const QString venv = dir.filePath("bare venv");
    QProcess p;
    p.start("/usr/bin/python3", {"-m", "venv", "--without-pip", venv});
    if (!p.waitForFinished(60000) || p.exitCode() != 0)
        qWarning("cannot create a venv: %s", p.readAllStandardError().constData());
    return venv + "/bin/python";
}
} // namespace

class ToolCheckTest : public QObject
{
    Q_OBJECT
private slots:
    void parseVersion_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("version");
        QTest::newRow("2.x") << "Scalene version 2.4.0 (2026.10.23)\n"
                             << "2.4.0";
        QTest::newRow("1.5") << "Scalene version 1.5.16 (2023.01.01)"
                             << "1.5.16";
        QTest::newRow("noise first") << "warning: x\nScalene version 2.1.1 (d)"
                                     << "2.1.1";
        QTest::newRow("none") << "No module named scalene"
                              << "";
    }
    void parseVersion()
    {
        QFETCH(QString, text);
        QFETCH(QString, version);
        QCOMPARE(parseScaleneVersion(text).toString(), version);
    }

    void scaleneSupport_data()
    {
        QTest::addColumn<QString>("version");
        QTest::addColumn<bool>("assets");
        QTest::addColumn<ToolStatus>("status");
        QTest::addColumn<QStringList>("noteHas");
        const QStringList tooOld{"too old", "needs Scalene 1.5 or newer",
                                 "/x/python -m pip install --upgrade scalene==2.4.0",
                                 "python3-scalene"};
        QTest::newRow("1.3.12") << "1.3.12" << true << ToolStatus::Missing
                                << QStringList{"version 1.3.12 is too old"} + tooOld;
        QTest::newRow("1.4.2") << "1.4.2" << true << ToolStatus::Missing << tooOld;
        QTest::newRow("unknown") << "" << true << ToolStatus::Missing
                                 << QStringList{"could not be read", "scalene==2.4.0"};
        QTest::newRow("1.5.0") << "1.5.0" << true << ToolStatus::Ok << QStringList{"1.5.x"};
        QTest::newRow("1.5.16") << "1.5.16" << true << ToolStatus::Ok
                                << QStringList{"supported", "chart libraries"};
        QTest::newRow("1.5.16 without the chart libraries")
            << "1.5.16" << false << ToolStatus::Warning
            << QStringList{"no charts", "/nonexistent/web-assets", "vega@5.21.0/build/vega.min.js",
                           "reinstall Filare Perf"};
        QTest::newRow("2.0.1") << "2.0.1" << true << ToolStatus::Warning
                               << QStringList{"older than 2.1", "scalene==2.4.0"};
        QTest::newRow("2.4.0") << "2.4.0" << true << ToolStatus::Ok << QStringList{};
    }
    void scaleneSupport()
    {
        QFETCH(QString, version);
        QFETCH(bool, assets);
        QFETCH(ToolStatus, status);
        QFETCH(QStringList, noteHas);
        const QString dir = assets ? offlineWebAssetsDir(QCoreApplication::applicationDirPath())
                                   : QStringLiteral("/nonexistent/web-assets");
        const ScaleneSupport s =
            fperf::scaleneSupport(QVersionNumber::fromString(version), "/x/python", dir);
        QCOMPARE(toolStatusName(s.status), toolStatusName(status));
        for (const QString &part : noteHas)
            QVERIFY2(s.note.contains(part), qPrintable(s.note));
    }

    void scalene15IsFound()
    {
        // Debian's Scalene 1.5.16: `--version` exits 255 there, its output still counts.
        const ToolReport r =
            checkTools({test::venv15Python(), "test", true}, qEnvironmentVariable("PATH"));
        QVERIFY2(r.canProfile(), qPrintable(r.problems(true).join('\n')));
        QCOMPARE(r.scaleneVersion, QVersionNumber(1, 5, 16));
        const ToolReport quick =
            checkTools({test::venv15Python(), "test", true}, qEnvironmentVariable("PATH"), nullptr,
                       ToolCheckDepth::Quick);
        QCOMPARE(quick.scaleneVersion, QVersionNumber(1, 5, 16));
        QCOMPARE(r.filareVersion, QStringLiteral("1.6.0"));
        QCOMPARE(r.filareScript, test::repoDir() + "/.venv-scalene15/bin/filare");
        const auto r2 = test::runCli({"check", "--python", test::venv15Python()});
        QCOMPARE(r2.exitCode, 0);
        QVERIFY2(r2.out.contains("1.5.16") && r2.out.contains("1.5.x: supported") &&
                     r2.out.contains("/share/filare-perf/web-assets"),
                 qPrintable(r2.out));
    }

    void tooOldScaleneExits3()
    {
        // A real Scalene 1.3.12: `check` says what is wrong and how to fix it.
        auto r = test::runCli({"check", "--python", test::oldScalenePython()});
        QCOMPARE(r.exitCode, 3);
        QVERIFY2(r.out.contains("1.3.12"), qPrintable(r.out));
        QVERIFY2(r.out.contains("Scalene: version 1.3.12 is too old: Filare Perf needs Scalene 1.5 "
                                "or newer; upgrade it (" +
                                test::oldScalenePython() +
                                " -m pip install --upgrade scalene==2.4.0)"),
                 qPrintable(r.out));
        // A run stops before anything is written.
        QTemporaryDir dir;
        r = test::runCli({"run", "--python", test::oldScalenePython(), "--output-dir", dir.path(),
                          test::sampleProject("small")});
        QCOMPARE(r.exitCode, 3);
        QVERIFY2(r.err.contains("version 1.3.12 is too old"), qPrintable(r.err));
        QVERIFY(QDir(dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot).isEmpty());
    }

    void realToolsAreFound()
    {
        const ToolReport r =
            checkTools({test::venvPython(), "test", true}, qEnvironmentVariable("PATH"));
        QVERIFY2(r.canProfile(), qPrintable(r.problems(true).join('\n')));
        QCOMPARE(r.scaleneVersion, QVersionNumber(2, 4, 0));
        // The quick check of a run about to start reads the same version from the metadata.
        const ToolReport quick =
            checkTools({test::venvPython(), "test", true}, qEnvironmentVariable("PATH"), nullptr,
                       ToolCheckDepth::Quick);
        QCOMPARE(quick.scaleneVersion, r.scaleneVersion);
        QVERIFY(quick.canProfile());
        QCOMPARE(r.filareVersion, QStringLiteral("1.6.0"));
        QVERIFY(r.filarePackageDir.endsWith("/site-packages/filare"));
        QCOMPARE(r.filareScript, test::repoDir() + "/.venv/bin/filare");
        QVERIFY(!r.dotVersion.isEmpty());
        QVERIFY(!r.pythonVersion.isEmpty());
    }

    void codeScopeLeavesTemplatesOut()
    {
        QTemporaryDir dir;
        const QString pkg = dir.filePath("filare");
        for (const char *f :
             {"__init__.py", "cli/main.py", "models/a.py", "models/templates/t.py",
              "templates/__init__.py", "templates/page.html", "templates/__pycache__/x.pyc",
              "render/__pycache__/y.pyc", "render/r.py", "data/only.json"}) {
            const QString path = pkg + "/" + f;
            QDir().mkpath(QFileInfo(path).absolutePath());
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
        }
        QCOMPARE(filareCodeScope(pkg),
                 (QStringList{pkg + "/__init__.py", pkg + "/cli/", pkg + "/models/",
                              pkg + "/render/", pkg + "/templates/__init__.py"}));
        // The real package: nothing in scope can match a template file.
        const ToolReport r =
            checkTools({test::venvPython(), "test", true}, qEnvironmentVariable("PATH"));
        QVERIFY(r.filareCodePaths.size() > 3);
        for (const QString &part : r.filareCodePaths)
            QVERIFY2(!(r.filarePackageDir + "/templates/page.html").contains(part),
                     qPrintable(part));
    }

    void cliCheckPasses()
    {
        const auto r = test::runCli({"check"});
        QCOMPARE(r.exitCode, 0);
        for (const char *word : {"Interpreter", "Python", "Scalene", "2.4.0", "Filare", "1.6.0",
                                 "Graphviz dot", "Platform", "Linux: fully supported"})
            QVERIFY2(r.out.contains(word), qPrintable(r.out));
    }

    void interpreterWithoutScalene()
    {
        QTemporaryDir dir;
        const QString bare = bareInterpreter(dir);
        const auto r = test::runCli({"check", "--python", bare});
        QCOMPARE(r.exitCode, 3);
        QVERIFY2(r.out.contains("Scalene: not installed for " + bare), qPrintable(r.out));
        QVERIFY(r.out.contains("pip install"));
        // A plain run still needs Filare.
        const auto plain = test::runCli({"check", "--python", bare, "--no-scalene"});
        QCOMPARE(plain.exitCode, 3);
        QVERIFY(plain.out.contains("Filare: not installed"));
        QVERIFY(!plain.out.contains("Scalene: not installed for"));
    }

    void interpreterMissingOrNotPython()
    {
        auto r = test::runCli({"check"}, {{"FIL_PERF_PYTHON", "/no/such/python"}});
        QCOMPARE(r.exitCode, 3);
        QVERIFY2(r.out.contains("/no/such/python does not exist"), qPrintable(r.out));
        r = test::runCli({"check", "--python", "/bin/true"});
        QCOMPARE(r.exitCode, 3);
        QVERIFY2(r.out.contains("did not run as a Python 3 interpreter"), qPrintable(r.out));
    }

    void resolutionOrder()
    {
        QTemporaryDir dir;
        const QString project = dir.filePath("a/b/proj");
        QVERIFY(QDir().mkpath(project));
        const QString repo = dir.filePath("repo");
        QVERIFY(QDir().mkpath(repo + "/.venv/bin"));
        QVERIFY(QFile::link(test::venvPython(), repo + "/.venv/bin/python"));

        InterpreterSearch search;
        search.projectDir = project;
        search.repositoryDir = repo;
        search.pathVariable = "/usr/bin:/bin";
        ResolvedInterpreter r = resolveInterpreter(search);
        QCOMPARE(r.path, repo + "/.venv/bin/python");

        // A .venv in a parent of the project wins over the repository's.
        QVERIFY(QDir().mkpath(dir.filePath("a/.venv/bin")));
        QVERIFY(QFile::link(test::venvPython(), dir.filePath("a/.venv/bin/python")));
        r = resolveInterpreter(search);
        QCOMPARE(r.path, dir.filePath("a/.venv/bin/python"));
        QVERIFY(r.how.contains(dir.filePath("a")));

        // The configured one wins over all.
        search.configured = "/usr/bin/python3";
        QCOMPARE(resolveInterpreter(search).path, QStringLiteral("/usr/bin/python3"));

        // Without any .venv: the interpreter of `filare` on PATH, then python3.
        search = {};
        search.projectDir = dir.filePath("elsewhere");
        search.pathVariable = test::repoDir() + "/.venv/bin:/usr/bin";
        r = resolveInterpreter(search);
        QVERIFY2(r.how.contains("interpreter of"), qPrintable(r.how));
        QVERIFY(r.found);
        search.pathVariable = "/usr/bin";
        r = resolveInterpreter(search);
        QCOMPARE(r.how, QStringLiteral("python3 on PATH"));
    }
};

QTEST_GUILESS_MAIN(ToolCheckTest)
#include "tst_tool_check.moc"
