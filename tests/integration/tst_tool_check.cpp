// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/interpreter_resolver.h"
#include "core/tool_check.h"
#include "test_support.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace fperf;

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
        // The system Python has neither Scalene nor Filare.
        const auto r = test::runCli({"check", "--python", "/usr/bin/python3"});
        QCOMPARE(r.exitCode, 3);
        QVERIFY2(r.out.contains("Scalene: not installed for /usr/bin/python3"), qPrintable(r.out));
        QVERIFY(r.out.contains("pip install"));
        // A plain run still needs Filare.
        const auto plain = test::runCli({"check", "--python", "/usr/bin/python3", "--no-scalene"});
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
