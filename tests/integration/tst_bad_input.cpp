// SPDX-License-Identifier: GPL-3.0-or-later
// Bad input, one row per case (docs/bad-input.md lists them): the real filare-perf must exit with
// the right code, print a message that names the problem and the fix, and lose nothing: an
// earlier complete run in the output folder stays byte-identical and no new file looks like a
// complete report.
#include "core/session/profile_session.h"
#include "core/settings/settings_form_model.h"
#include "core/tools/interpreter_resolver.h"
#include "test_support.h"

#include <QCryptographicHash>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

using namespace fperf;

namespace {
// What a case needs beyond files with given contents.
enum class Prep
{
    None,
    Fifo,              // {dir}/pipe.yml is a named pipe
    Unreadable,        // {dir}/secret.* gets mode 000 (run as a non-root user)
    LockedFolder,      // {dir}/locked is mode 555 (run as a non-root user)
    ReadOnlyOutput,    // {out} is mode 555 (run as a non-root user)
    FullDisk,          // {out} is a tmpfs holding the earlier run, with no byte left
    NearlyFullDisk,    // the same with 24 KiB left: the run starts, its profile cannot be written
    VenvWithoutFilare, // {dir}/venv: a real venv that has Scalene but not Filare
    VenvWithoutScalene // {dir}/venv: a real venv that has Filare but not Scalene
};

struct Case
{
    const char *name;
    QStringList args; // after filare-perf; {dir}, {out}, {project} are replaced
    QMap<QString, QString> env;
    QMap<QString, QByteArray> files; // relative to {dir}; "@small" copies the small sample
    QList<int> exitCodes;            // the first is the documented one
    QStringList problem;             // fragments that name the problem
    QStringList fix;                 // fragments that name the fix (what it did, for exit 0)
    Prep prep;
    bool asNobody;   // root ignores permission bits
    QString newRun;  // label prefix of a complete run this case may add to {out}
    bool concurrent; // two identical runs at once

    Case(const char *name, const QStringList &args, const QMap<QString, QString> &env,
         const QMap<QString, QByteArray> &files, const QList<int> &exitCodes,
         const QStringList &problem, const QStringList &fix, Prep prep = Prep::None,
         bool asNobody = false, const QString &newRun = {}, bool concurrent = false)
        : name(name), args(args), env(env), files(files), exitCodes(exitCodes), problem(problem),
          fix(fix), prep(prep), asNobody(asNobody), newRun(newRun), concurrent(concurrent)
    {}
};

const QByteArray kSmall = "@small";
const QByteArray kBrokenYaml = "connectors:\n  X1: [unclosed\n    pinlabels: {a: b\n";
const QString kOddProject = QStringLiteral("-odd dir ü/-harness ü.yml");
const QString kInstallFix = QStringLiteral("pip install filare==1.6.0 scalene==2.4.0");
const QString kOutputFix = QStringLiteral("choose another");

QList<Case> cases()
{
    const QString longText(100000, u'a');
    const QString longPath = u'/' + QString(5000, u'p');
    QList<Case> c;
    // --- command line
    c << Case{"no project given",        {"run"}, {}, {}, {2}, {"no project file given"},
              {"usage: filare-perf run"}};
    c << Case{"unknown option",           {"run", "--bogus", "{project}"}, {}, {}, {2},
              {"Unknown option 'bogus'"}, {"filare-perf run --help"}};
    c << Case{"mistyped command",
              {"rnu", "{project}"},
              {},
              {},
              {2},
              {"unknown command \"rnu\""},
              {"use one of the commands below", "run PROJECT.yml"}};
    c << Case{"both --memory and --no-memory",
              {"run", "--memory", "--no-memory", "{project}"},
              {},
              {},
              {2},
              {"--memory and --no-memory were both given"},
              {"use one"}};
    c << Case{"both --scalene and --no-scalene",
              {"run", "--scalene", "--no-scalene", "{project}"},
              {},
              {},
              {2},
              {"--scalene and --no-scalene were both given"},
              {"use one"}};

    // --- project files
    c << Case{"project missing",
              {"run", "{dir}/missing.yml"},
              {},
              {},
              {2},
              {"missing.yml does not exist"},
              {"check the path"}};
    c << Case{"second project missing",
              {"run", "{project}", "{dir}/missing.yml"},
              {},
              {},
              {2},
              {"missing.yml does not exist"},
              {"check the path"}};
    c << Case{"project unreadable",
              {"run", "{dir}/secret.yml"},
              {},
              {{"secret.yml", kSmall}},
              {2},
              {"secret.yml cannot be read", "Permission denied"},
              {"check its permissions"},
              Prep::Unreadable,
              true};
    c << Case{
        "project empty",        {"run", "{dir}/empty.yml"},         {}, {{"empty.yml", ""}}, {2},
        {"empty.yml is empty"}, {"give a Filare harness YAML file"}};
    c << Case{"project only comments",
              {"run", "{dir}/comments.yml"},
              {},
              {{"comments.yml", "# nothing yet\n\n   \n# still nothing\n"}},
              {2},
              {"comments.yml has no YAML data"},
              {"give a Filare harness YAML file"}};
    c << Case{"project is a folder",
              {"run", "{dir}/adir"},
              {},
              {{"adir/", ""}},
              {2},
              {"adir has no YAML files"},
              {"open the folder of a Filare project, or its files"}};
    c << Case{"project is a named pipe",          {"run", "{dir}/pipe.yml"},   {},        {}, {2},
              {"pipe.yml is not a regular file"}, {"give a Filare YAML file"}, Prep::Fifo};
    c << Case{"project empty path",       {"run", ""}, {}, {}, {2}, {"an empty project path"},
              {"name a Filare YAML file"}};
    c << Case{"invalid YAML",
              {"run", "{dir}/broken.yml"},
              {},
              {{"broken.yml", kBrokenYaml}},
              {2},
              {"broken.yml is not valid YAML", "line 3, column 14"},
              {"fix the YAML there"}};
    c << Case{"two YAML documents",
              {"run", "{dir}/two.yml"},
              {},
              {{"two.yml", "connectors: {}\n---\ncables: {}\n"}},
              {2},
              {"two.yml is not valid YAML", "another document"},
              {"fix the YAML there"}};
    c << Case{"binary file",
              {"run", "{dir}/image.yml"},
              {},
              {{"image.yml", QByteArray("\x89PNG\r\n\x1a\n\0\0\xff\xfe", 12)}},
              {2},
              {"image.yml is not UTF-8 text"},
              {"saved as UTF-8"}};
    c << Case{"YAML list, not a harness",
              {"run", "{dir}/list.yml"},
              {},
              {{"list.yml", "- X1\n- W1\n"}},
              {2},
              {"list.yml is YAML but not a Filare harness", "a list"},
              {"give a Filare harness YAML file"}};
    c << Case{"YAML text, not a harness",
              {"run", "{dir}/text.yml"},
              {},
              {{"text.yml", "just some words\n"}},
              {2},
              {"text.yml is YAML but not a Filare harness", "plain text"},
              {"give a Filare harness YAML file"}};
    c << Case{
        "YAML mapping, not a harness",
        {"run", "{dir}/compose.yml"},
        {},
        {{"compose.yml", "services:\n  web:\n    image: nginx\nvolumes: {}\n"}},
        {2},
        {"none of connectors, cables, connections or additional_bom_items", "services, volumes"},
        {"give a Filare harness YAML file"}};
    c << Case{
        "harness that Filare rejects",
        {"run", "--no-memory", "--formats", "t", "--run-label", "rejected", "{dir}/undefined.yml"},
        {},
        {{"undefined.yml", "connectors:\n  X1:\n    pincount: 2\nconnections:\n  -\n"
                           "    - X1: [1-2]\n    - W9: [1-2]\n"}},
        {4},
        {"rejected: failed", "Filare's error:", "UnknownTemplateDesignator", "designator 'W9'"},
        {"fix that in the project", "rejected.log has the whole output"}};
    c << Case{"odd path: spaces, unicode, leading dash, works",
              {"run", "--no-scalene", "--formats", "t", "--run-label", "odd", "./" + kOddProject},
              {},
              {{kOddProject, kSmall}},
              {0},
              {"odd: succeeded"},
              {"odd-run.json"},
              Prep::None,
              false,
              "odd"};
    c << Case{"odd path without --",
              {"run", kOddProject.section(u'/', 1)},
              {},
              {{kOddProject.section(u'/', 1), kSmall}},
              {2},
              {"-harness ü.yml looks like options"},
              {"write ./-harness ü.yml"}};
    c << Case{"project file after --, which is Filare's",
              {"run", "--", kOddProject},
              {},
              {{kOddProject, kSmall}},
              {2},
              {"no project file given", "project files come before --"},
              {"name a file that starts with '-' as ./" + kOddProject}};
    c << Case{"odd path, invalid YAML",
              {"run", "./" + kOddProject},
              {},
              {{kOddProject, kBrokenYaml}},
              {2},
              {"project file ./" + kOddProject + " is not valid YAML"},
              {"fix the YAML there"}};

    // --- Filare's other files (metadata, components), folders and pass-through arguments
    const QByteArray meta = "metadata:\n  title: T\n  pn: P\n  company: C\n  address: A\n";
    const QByteArray templates = "cables:\n  TPL:\n    wirecount: 2\n";
    c << Case{"metadata file given as a project file",
              {"run", "{dir}/harness.yml", "{dir}/metadata.yml"},
              {},
              {{"harness.yml", kSmall}, {"metadata.yml", meta}},
              {2},
              {"metadata.yml is a Filare metadata file", "not a harness"},
              {"pass it with --metadata {dir}/metadata.yml"}};
    c << Case{"components file given as a project file",
              {"run", "{dir}/harness.yml", "{dir}/components.yml"},
              {},
              {{"harness.yml", kSmall}, {"components.yml", templates}},
              {2},
              {"components.yml looks like a Filare components file"},
              {"pass it with --components {dir}/components.yml"}};
    c << Case{"metadata file missing",
              {"run", "--metadata", "{dir}/nothere.yml", "{dir}/harness.yml"},
              {},
              {{"harness.yml", kSmall}},
              {2},
              {"metadata file {dir}/nothere.yml does not exist"},
              {"check the path (--metadata"}};
    c << Case{"metadata file is a harness",
              {"run", "--metadata", "{dir}/other.yml", "{dir}/harness.yml"},
              {},
              {{"harness.yml", kSmall}, {"other.yml", kSmall}},
              {2},
              {"metadata file {dir}/other.yml is a harness"},
              {"give it as a project file"}};
    c << Case{"metadata file not valid YAML",
              {"run", "--metadata", "{dir}/metadata.yml", "{dir}/harness.yml"},
              {},
              {{"harness.yml", kSmall}, {"metadata.yml", kBrokenYaml}},
              {2},
              {"metadata file {dir}/metadata.yml is not valid YAML"},
              {"fix the YAML there"}};
    c << Case{"components file is metadata",
              {"run", "--components", "{dir}/metadata.yml", "{dir}/harness.yml"},
              {},
              {{"harness.yml", kSmall}, {"metadata.yml", meta}},
              {2},
              {"components file {dir}/metadata.yml is a Filare metadata file"},
              {"pass it with --metadata"}};
    c << Case{"metadata list with an open quote",
              {"run", "{dir}/harness.yml"},
              {{"FIL_PERF_FILARE_METADATA", "'a b.yml"}},
              {{"harness.yml", kSmall}},
              {2},
              {"FIL_PERF_FILARE_METADATA=\"'a b.yml\" cannot be read as shell words",
               "quote is not closed"},
              {"quote each item as in a shell"}};
    c << Case{"Filare command with arguments",
              {"run", "--filare-command", "qty -f", "{dir}/harness.yml"},
              {},
              {{"harness.yml", kSmall}},
              {2},
              {"is not a Filare command"},
              {"put its arguments after --"}};
    c << Case{"Filare's output folder in the pass-through",
              {"run", "{dir}/harness.yml", "--", "-o", "/tmp"},
              {},
              {{"harness.yml", kSmall}},
              {2},
              {"name Filare's output folder (-o)"},
              {"choose the folder with --output-dir"}};
    c << Case{"folder without a harness",
              {"run", "{dir}/docs"},
              {},
              {{"docs/metadata.yml", meta}, {"docs/compose.yml", "services: {}\n"}},
              {2},
              {"docs has no Filare harness file", "skipped     compose.yml"},
              {"open the folder of a Filare project, or its files"}};
    c << Case{"folder and a file together",
              {"run", "{dir}/docs", "{dir}/harness.yml"},
              {},
              {{"docs/h.yml", kSmall}, {"harness.yml", kSmall}},
              {2},
              {"give one project folder, or project files, not both"},
              {"a folder's harness files are all profiled together"}};

    // --- output folder
    c << Case{"output folder is a file",
              {"run", "--output-dir", "{dir}/FILE", "{project}"},
              {},
              {{"FILE", "keep me\n"}},
              {2},
              {"output folder {dir}/FILE is a file"},
              {"choose another folder with --output-dir"}};
    c << Case{"output folder under a file",
              {"run", "--output-dir", "{dir}/FILE/sub", "{project}"},
              {},
              {{"FILE", "keep me\n"}},
              {2},
              {"FILE/sub cannot be created"},
              {kOutputFix}};
    c << Case{"output folder not permitted",
              {"run", "--output-dir", "{dir}/locked/out", "{project}"},
              {},
              {{"locked/", ""}},
              {2},
              {"locked/out cannot be created"},
              {"permissions", kOutputFix},
              Prep::LockedFolder,
              true};
    c << Case{"output folder read-only",
              {"run", "{project}"},
              {},
              {},
              {2},
              {"is not writable", "Permission denied"},
              {"fix its permissions", kOutputFix},
              Prep::ReadOnlyOutput,
              true};
    c << Case{"disk full",
              {"run", "--run-label", "full", "{project}"},
              {},
              {},
              {2},
              {"cannot write the run record", "No space left on device"},
              {"free some space", kOutputFix},
              Prep::FullDisk};
    c << Case{"disk nearly full",
              {"run", "--no-memory", "--formats", "t", "--run-label", "nearly", "{project}"},
              {},
              {},
              {5, 4},
              {"is full", "may be missing or cut short"},
              {"free some space", kOutputFix},
              Prep::NearlyFullDisk};

    // --- labels
    c << Case{"label with /",
              {"run", "--no-scalene", "--formats", "t", "--run-label", "x/../y", "{project}"},
              {},
              {},
              {0},
              {"Run label \"x/../y\" was reduced to \"x_.._y\""},
              {"letters, digits, '.', '_' and '-' only"},
              Prep::None,
              false,
              "x_.._y"};
    c << Case{"label ..",
              {"run", "--run-label", "..", "{project}"},
              {},
              {},
              {2},
              {"--run-label (FIL_PERF_RUN_LABEL=\"..\" has no usable characters"},
              {"use letters, digits", "leave it empty for an automatic label"}};
    c << Case{"label with a newline",
              {"run", "{project}"},
              {{"FIL_PERF_RUN_LABEL", "a\nb"}},
              {},
              {2},
              {"FIL_PERF_RUN_LABEL=\"a\\nb\" contains a line break"},
              {"give the label on one line"}};
    c << Case{"label empty",
              {"run", "--no-scalene", "--formats", "t", "--run-label", "", "{project}"},
              {},
              {},
              {0},
              {"run harness-2"},
              {"harness-2"},
              Prep::None,
              false,
              "harness-2"};
    c << Case{"label used by an earlier run",
              {"run", "--run-label", "earlier", "{project}"},
              {},
              {},
              {2},
              {"run label \"earlier\" is already used"},
              {"choose another label", "leave it empty for an automatic one"}};
    c << Case{"two runs at once with one label",
              {"run", "--no-scalene", "--formats", "t", "--run-label", "twin", "{project}"},
              {},
              {},
              {0, 2},
              {"run label \"twin\" is already used"},
              {"choose another label"},
              Prep::None,
              false,
              "twin",
              true};

    // --- FIL_PERF_* values
    const auto env = [&c](const char *name, const QString &var, const QString &value, int code,
                          const QStringList &problem, const QStringList &fix) {
        c << Case{name, {"run", "{project}"}, {{var, value}}, {}, {code}, problem, fix};
    };
    const QString rateFix = QStringLiteral("use a value from 0.001 to 1");
    env("cpu rate malformed", "FIL_PERF_SCALENE_CPU_RATE", "fast", 2,
        {"FIL_PERF_SCALENE_CPU_RATE=\"fast\" is not a number of seconds"}, {rateFix});
    env("cpu rate empty", "FIL_PERF_SCALENE_CPU_RATE", "", 2,
        {"FIL_PERF_SCALENE_CPU_RATE=\"\" is not a number"}, {rateFix});
    env("cpu rate zero", "FIL_PERF_SCALENE_CPU_RATE", "0", 2, {"\"0\" is out of range"}, {rateFix});
    env("cpu rate negative", "FIL_PERF_SCALENE_CPU_RATE", "-0.01", 2, {"\"-0.01\" is out of range"},
        {rateFix});
    env("cpu rate above range", "FIL_PERF_SCALENE_CPU_RATE", "5", 2, {"\"5\" is out of range"},
        {rateFix});
    env("cpu rate NaN", "FIL_PERF_SCALENE_CPU_RATE", "NaN", 2, {"\"NaN\" is not a number"},
        {rateFix});
    env("cpu rate infinite", "FIL_PERF_SCALENE_CPU_RATE", "inf", 2, {"\"inf\" is not a number"},
        {rateFix});
    env("cpu rate huge", "FIL_PERF_SCALENE_CPU_RATE", "1e308", 2, {"\"1e308\" is out of range"},
        {rateFix});
    env("cpu rate overflowing", "FIL_PERF_SCALENE_CPU_RATE", "1e999", 2,
        {"\"1e999\" is not a number"}, {rateFix});
    c << Case{"cpu rate NaN option",
              {"run", "--cpu-rate", "nan", "{project}"},
              {},
              {},
              {2},
              {"--cpu-rate (FIL_PERF_SCALENE_CPU_RATE=\"nan\" is not a number"},
              {rateFix}};
    const QString boolFix = QStringLiteral("use 1/0, true/false, yes/no or on/off");
    env("enabled malformed", "FIL_PERF_SCALENE_ENABLED", "maybe", 2,
        {"FIL_PERF_SCALENE_ENABLED=\"maybe\" is not a yes/no value"}, {boolFix});
    env("memory malformed", "FIL_PERF_SCALENE_MEMORY", "2", 2,
        {"FIL_PERF_SCALENE_MEMORY=\"2\" is not a yes/no value"}, {boolFix});
    env("copy NaN", "FIL_PERF_SCALENE_COPY", "nan", 2,
        {"FIL_PERF_SCALENE_COPY=\"nan\" is not a yes/no value"}, {boolFix});
    env("html malformed", "FIL_PERF_SCALENE_HTML", "yes please", 2,
        {"FIL_PERF_SCALENE_HTML=\"yes please\" is not a yes/no value"}, {boolFix});
    env("baseline huge", "FIL_PERF_BASELINE", "1e999", 2,
        {"FIL_PERF_BASELINE=\"1e999\" is not a yes/no value"}, {boolFix});
    c << Case{"enable aliases disagree",
              {"run", "{project}"},
              {{"FIL_PERF_ENABLE_SCALENE", "0"}, {"FIL_PERF_SCALENE_ENABLED", "1"}},
              {},
              {2},
              {"FIL_PERF_SCALENE_ENABLED and its alias disagree in the environment"},
              {"set only FIL_PERF_SCALENE_ENABLED"}};
    env("profile-only with a newline", "FIL_PERF_SCALENE_PROFILE_ONLY", "filare/\nrender", 2,
        {"FIL_PERF_SCALENE_PROFILE_ONLY=\"filare/\\nrender\" contains a line break"},
        {"give comma-separated fragments"});
    env("profile-only huge", "FIL_PERF_SCALENE_PROFILE_ONLY", longText, 2,
        {"FIL_PERF_SCALENE_PROFILE_ONLY=\"aaa", "is too long (100000 characters)"},
        {"give at most 32768 characters"});
    env("profile-exclude with a newline", "FIL_PERF_SCALENE_PROFILE_EXCLUDE", "a\nb", 2,
        {"FIL_PERF_SCALENE_PROFILE_EXCLUDE=\"a\\nb\" contains a line break"},
        {"give comma-separated fragments"});
    c << Case{"profile-exclude huge (settings file)",
              {"run", "--settings", "{dir}/huge.env", "{project}"},
              {},
              {{"huge.env", "FIL_PERF_SCALENE_PROFILE_EXCLUDE=" + QByteArray(200000, 'x') + "\n"}},
              {2},
              {"is too long (200000 characters)", "huge.env line 1"},
              {"give at most 32768 characters"}};
    env("output dir with a newline", "FIL_PERF_OUTPUT_DIR", "out\nput", 2,
        {"FIL_PERF_OUTPUT_DIR=\"out\\nput\" contains a line break"}, {"give a single path"});
    env("output dir huge", "FIL_PERF_OUTPUT_DIR", longPath, 2,
        {"FIL_PERF_OUTPUT_DIR=\"/ppp", "is too long (5001 characters)"},
        {"give a path of at most 4096"});
    env("python with a newline", "FIL_PERF_PYTHON", "/usr/bin/python3\n", 2,
        {"FIL_PERF_PYTHON=\"/usr/bin/python3\\n\" contains a line break"}, {"give a single path"});
    env("python huge", "FIL_PERF_PYTHON", longPath, 2, {"is too long (5001 characters)"},
        {"give a path of at most 4096"});
    env("formats malformed", "FIL_PERF_FILARE_FORMATS", "xyz", 2,
        {"FIL_PERF_FILARE_FORMATS=\"xyz\" has unknown format codes"},
        {"use letters from cghpPstb"});

    // --- settings files
    c << Case{"settings file with junk lines",
              {"run", "--settings", "{dir}/junk.env", "{project}"},
              {},
              {{"junk.env", "this is junk\n1BAD=x\n=novalue\nFIL_PERF_SCALENE_CPU_RATE=0.02\n"}},
              {2},
              {"junk.env: line 1 is not KEY=value: \"this is junk\"",
               "line 2 has an invalid name \"1BAD\"", "line 3 is not KEY=value"},
              {"fix or remove that line"}};
    c << Case{
        "project settings file with a bad value",
        {"run", "{project}"},
        {},
        {{"project/filare-perf.env", "# ours\nFIL_PERF_SCALENE_CPU_RATE=0,01\n"}},
        {2},
        {"FIL_PERF_SCALENE_CPU_RATE=\"0,01\" is not a number", "project/filare-perf.env line 2"},
        {rateFix}};
    c << Case{"user settings file with a bad value",
              {"run", "{project}"},
              {{"XDG_CONFIG_HOME", "{dir}/config"}},
              {{"config/filare/perf.env", "FIL_PERF_SCALENE_MEMORY=sometimes\n"}},
              {2},
              {"FIL_PERF_SCALENE_MEMORY=\"sometimes\" is not a yes/no value",
               "config/filare/perf.env line 1"},
              {boolFix}};
    c << Case{"settings file aliases disagree",
              {"run", "--settings", "{dir}/alias.env", "{project}"},
              {},
              {{"alias.env", "FIL_PERF_ENABLE_SCALENE=off\nFIL_PERF_SCALENE_ENABLED=on\n"}},
              {2},
              {"its alias disagree in the settings file"},
              {"set only FIL_PERF_SCALENE_ENABLED"}};
    c << Case{"settings file missing",
              {"run", "--settings", "{dir}/nope.env", "{project}"},
              {},
              {},
              {2},
              {"settings file {dir}/nope.env does not exist"},
              {"check the --settings path"}};
    c << Case{"settings file is a folder",
              {"run", "--settings", "{dir}", "{project}"},
              {},
              {},
              {2},
              {"cannot read settings file {dir}: it is a folder"},
              {"check the path"}};
    c << Case{"settings file unreadable",
              {"run", "--settings", "{dir}/secret.env", "{project}"},
              {},
              {{"secret.env", "FIL_PERF_SCALENE_MEMORY=0\n"}},
              {2},
              {"cannot read settings file {dir}/secret.env", "Permission denied"},
              {"check the path and its permissions"},
              Prep::Unreadable,
              true};
    c << Case{"settings file with a misspelt name",
              {"settings", "--settings", "{dir}/typo.env"},
              {},
              {{"typo.env", "FIL_PERF_SCALENE_MEMROY=0\n"}},
              {0},
              {"FIL_PERF_SCALENE_MEMROY is not a Filare Perf setting and is ignored"},
              {"check its spelling"}};

    // --- interpreter
    c << Case{"interpreter missing",
              {"run", "{project}"},
              {{"FIL_PERF_PYTHON", "/no/such/python"}},
              {},
              {3},
              {"/no/such/python does not exist"},
              {"point FIL_PERF_PYTHON or --python at"}};
    c << Case{"interpreter not executable",
              {"run", "--python", "{dir}/notes.txt", "{project}"},
              {},
              {{"notes.txt", "print('hi')\n"}},
              {3},
              {"notes.txt is not executable"},
              {"point FIL_PERF_PYTHON or --python at"}};
    c << Case{
        "interpreter is a folder",           {"run", "--python", "{dir}", "{project}"}, {}, {}, {3},
        {"is a folder, not an interpreter"}, {"point FIL_PERF_PYTHON or --python at"}};
    c << Case{"interpreter not Python",
              {"run", "--python", "/bin/true", "{project}"},
              {},
              {},
              {3},
              {"/bin/true did not run as a Python 3 interpreter"},
              {"point FIL_PERF_PYTHON / --python at a Python 3.9+ interpreter"}};
    c << Case{"interpreter without Scalene",
              {"run", "--python", "venv/bin/python", "{project}"},
              {},
              {},
              {3},
              {"Scalene: not installed for {dir}/venv/bin/python"},
              {kInstallFix},
              Prep::VenvWithoutScalene};
    c << Case{"interpreter without Filare",
              {"run", "--python", "venv/bin/python", "{project}"},
              {},
              {},
              {3},
              {"Filare: not installed for {dir}/venv/bin/python"},
              {kInstallFix},
              Prep::VenvWithoutFilare};
    return c;
}

QString expand(QString text, const QString &dir)
{
    return text.replace(QLatin1String("{project}"), dir + QStringLiteral("/project/harness.yml"))
        .replace(QLatin1String("{out}"), dir + QStringLiteral("/out"))
        .replace(QLatin1String("{dir}"), dir);
}

// The small sample as {project}, and the case's own files.
bool writeCaseFiles(const Case &c, const QString &dir)
{
    if (!QDir().mkpath(dir + "/project") ||
        !QFile::copy(test::sampleProject("small"), dir + "/project/harness.yml"))
        return false;
    for (auto it = c.files.begin(); it != c.files.end(); ++it) {
        const QString path = dir + u'/' + it.key();
        if (path.endsWith(u'/')) {
            if (!QDir().mkpath(path))
                return false;
            continue;
        }
        if (!QDir().mkpath(QFileInfo(path).absolutePath()))
            return false;
        if (it.value() == kSmall) {
            if (!QFile::copy(test::sampleProject("small"), path))
                return false;
        } else {
            QFile f(path);
            if (!f.open(QIODevice::WriteOnly) || f.write(it.value()) != it.value().size())
                return false;
        }
    }
    return true;
}

// Rows the window can meet as well: project files and FIL_PERF_* settings only (the window
// has no command line), stopped before anything runs.
bool windowCanMeet(const Case &c)
{
    if (c.args.size() < 2 || c.args.first() != u"run" || c.asNobody || c.concurrent)
        return false;
    if (c.prep != Prep::None && c.prep != Prep::Fifo && c.prep != Prep::VenvWithoutFilare &&
        c.prep != Prep::VenvWithoutScalene)
        return false;
    if (c.exitCodes.first() != 2 && c.exitCodes.first() != 3)
        return false;
    for (const QString &a : c.args.mid(1)) {
        // Options; relative paths (the window's are absolute); a folder, which the window
        // opens as a project folder (picked by content), never as a file.
        if (a.startsWith(u'-') || a.startsWith(QLatin1String("./")))
            return false;
    }
    for (const QString &a : c.args.mid(1)) {
        const QString rel = a.startsWith(QLatin1String("{dir}/")) ? a.mid(6) + u'/' : QString();
        for (auto it = c.files.begin(); !rel.isEmpty() && it != c.files.end(); ++it) {
            if (it.key().startsWith(rel))
                return false;
        }
    }
    return true;
}

struct Run
{
    test::CliResult cli;
    bool crashed = false;
};

QProcess *startCli(const QStringList &args, const QMap<QString, QString> &env, bool asNobody,
                   const QString &cwd)
{
    auto *p = new QProcess;
    QProcessEnvironment e = test::cleanEnvironment(QDir::tempPath() + "/fperf-no-config");
    for (auto it = env.begin(); it != env.end(); ++it)
        e.insert(it.key(), it.value());
    p->setProcessEnvironment(e);
    p->setWorkingDirectory(cwd);
    if (asNobody && ::geteuid() == 0)
        p->start("setpriv", QStringList{"--reuid=65534", "--regid=65534", "--clear-groups",
                                        test::filarePerfBinary()} +
                                args);
    else
        p->start(test::filarePerfBinary(), args);
    return p;
}

Run finishCli(QProcess *p, int timeoutMs = 180000)
{
    Run r;
    r.cli.finished = p->waitForFinished(timeoutMs);
    if (!r.cli.finished) {
        p->kill();
        p->waitForFinished();
    }
    r.crashed = p->exitStatus() != QProcess::NormalExit;
    r.cli.exitCode = p->exitCode();
    r.cli.out = QString::fromUtf8(p->readAllStandardOutput());
    r.cli.err = QString::fromUtf8(p->readAllStandardError());
    delete p;
    return r;
}

bool runTool(const QString &program, const QStringList &args, QString *output = nullptr)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(program, args);
    const bool ok =
        p.waitForFinished(60000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
    if (output)
        *output = QString::fromUtf8(p.readAll());
    return ok;
}

// Relative path -> SHA-256 of every regular file, "dir" for folders.
QMap<QString, QByteArray> snapshot(const QString &root)
{
    QMap<QString, QByteArray> out;
    QDirIterator it(root, QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot | QDir::Hidden,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const QString rel = QDir(root).relativeFilePath(path);
        if (it.fileInfo().isDir()) {
            out.insert(rel, "dir");
            continue;
        }
        QFile f(path);
        QCryptographicHash hash(QCryptographicHash::Sha256);
        out.insert(rel, f.open(QIODevice::ReadOnly) && hash.addData(&f) ? hash.result()
                                                                        : QByteArray("?"));
    }
    return out;
}

bool copyTree(const QString &from, const QString &to)
{
    if (!QDir().mkpath(to))
        return false;
    QDirIterator it(from, QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot | QDir::Hidden,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const QString target = to + u'/' + QDir(from).relativeFilePath(path);
        if (it.fileInfo().isDir() ? !QDir().mkpath(target) : !QFile::copy(path, target))
            return false;
    }
    return true;
}

qint64 treeBytes(const QString &root)
{
    qint64 total = 0;
    QDirIterator it(root, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        total += (it.fileInfo().size() / 4096 + 1) * 4096;
    }
    return total;
}

// Fills a file system until writes fail, then frees `leave` bytes.
bool fillDisk(const QString &dir, qint64 leave)
{
    QFile filler(dir + "/filler");
    if (!filler.open(QIODevice::WriteOnly | QIODevice::Unbuffered))
        return false;
    const QByteArray chunk(4096, 'f');
    while (filler.write(chunk) == chunk.size()) {
    }
    filler.close();
    return leave == 0 || filler.resize(qMax<qint64>(0, filler.size() - leave));
}
} // namespace

class BadInputTest : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_root;
    QString m_fixture;         // an earlier complete run, labelled "earlier"
    bool m_nobodyRuns = false; // the non-root user can run filare-perf
    QString m_nobodyWhy;
    QFile m_table;

    // Creates a venv of the interpreter's own Python holding only one of Scalene and Filare.
    bool makePartialVenv(const QString &venv, bool withFilare, QString *why)
    {
        QString out;
        if (!runTool(test::venvPython(), {"-m", "venv", "--without-pip", venv}, &out)) {
            *why = "python -m venv failed: " + out;
            return false;
        }
        const QString purelib = "import sysconfig; print(sysconfig.get_path('purelib'))";
        QString from, to;
        if (!runTool(test::venvPython(), {"-c", purelib}, &from) ||
            !runTool(venv + "/bin/python", {"-c", purelib}, &to)) {
            *why = "cannot find site-packages";
            return false;
        }
        from = from.trimmed();
        to = to.trimmed();
        const QString name = withFilare ? "filare" : "scalene";
        for (const QString &entry : QDir(from).entryList({name, name + "-*.dist-info"}))
            QFile::link(from + u'/' + entry, to + u'/' + entry);
        if (withFilare) // the console script Filare Perf runs
            QFile::link(test::repoDir() + "/.venv/bin/filare", venv + "/bin/filare");
        return true;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_root.isValid());
        ::chmod(QFile::encodeName(m_root.path()).constData(), 0755);
        // The earlier run, from a project whose path has spaces, unicode and a leading dash.
        QVERIFY(QDir(m_root.path()).mkpath(kOddProject.section(u'/', 0, 0)));
        QVERIFY(QFile::copy(test::sampleProject("small"), m_root.filePath(kOddProject)));
        m_fixture = m_root.filePath("fixture");
        const QStringList args{"run",         "--no-memory",  "--formats",
                               "t",           "--output-dir", m_fixture,
                               "--run-label", "earlier",      "./" + kOddProject};
        Run r = finishCli(startCli(args, {}, false, m_root.path()));
        if (r.cli.exitCode != 0) {
            qWarning("fixture run failed (exit %d), trying once more:\n%s", r.cli.exitCode,
                     qPrintable(r.cli.err.right(3000)));
            QDir(m_fixture).removeRecursively();
            r = finishCli(startCli(args, {}, false, m_root.path()));
        }
        QVERIFY2(r.cli.exitCode == 0, qPrintable((r.cli.out + r.cli.err).right(3000)));
        const QJsonObject record =
            QJsonDocument::fromJson(test::readAll(m_fixture + "/earlier-run.json").toUtf8())
                .object();
        QCOMPARE(record.value("status").toString(), QStringLiteral("succeeded"));
        QCOMPARE(record.value("project_files").toArray().first().toString(),
                 m_root.filePath(kOddProject));
        QVERIFY(QFileInfo(m_fixture + "/earlier-scalene.json").size() > 1000);
        QVERIFY(QFileInfo(m_fixture + "/earlier-scalene.txt").size() > 100);

        // Root ignores permission bits: those cases run as nobody (they stop before any tool
        // runs, so nobody needs no access to the .venv).
        m_nobodyRuns =
            ::geteuid() != 0 || runTool("setpriv",
                                        {"--reuid=65534", "--regid=65534", "--clear-groups",
                                         test::filarePerfBinary(), "--version"},
                                        &m_nobodyWhy);
        // FPERF_BAD_INPUT_TABLE=file: write case | exit code | message, for docs/bad-input.md.
        if (qEnvironmentVariableIsSet("FPERF_BAD_INPUT_TABLE")) {
            m_table.setFileName(qEnvironmentVariable("FPERF_BAD_INPUT_TABLE"));
            QVERIFY(m_table.open(QIODevice::WriteOnly | QIODevice::Truncate));
        }
    }

    void badInput_data()
    {
        QTest::addColumn<int>("index");
        const QList<Case> all = cases();
        QVERIFY(all.size() >= 25);
        for (int i = 0; i < all.size(); ++i)
            QTest::newRow(all.at(i).name) << i;
    }

    void badInput()
    {
        QFETCH(int, index);
        const Case c = cases().at(index);
        // A row that names no problem or no fix is a defect of this table.
        QVERIFY(!c.problem.isEmpty() && !c.fix.isEmpty() && !c.exitCodes.isEmpty());
        if (c.asNobody && !m_nobodyRuns)
            QSKIP(qPrintable("the user nobody cannot run filare-perf here (" +
                             m_nobodyWhy.trimmed() + "); permission cases need a non-root run"));

        QTemporaryDir tmp(m_root.filePath("case-XXXXXX"));
        QVERIFY(tmp.isValid());
        const QString dir = tmp.path();
        ::chmod(QFile::encodeName(dir).constData(), 0755);
        const QString out = dir + "/out";

        QVERIFY(writeCaseFiles(c, dir));

        // The earlier complete run in the output folder, on a tiny tmpfs for the disk cases.
        bool mounted = false;
        const auto unmount = qScopeGuard([&] {
            if (mounted)
                runTool("umount", {"-l", out});
        });
        if (c.prep == Prep::FullDisk || c.prep == Prep::NearlyFullDisk) {
            if (::geteuid() != 0)
                QSKIP("mounting a tmpfs for the disk-full case needs root");
            QVERIFY(QDir().mkpath(out));
            QString why;
            const qint64 size = treeBytes(m_fixture) + 256 * 1024;
            if (!runTool("mount",
                         {"-t", "tmpfs", "-o", QStringLiteral("size=%1").arg(size), "tmpfs", out},
                         &why))
                QSKIP(qPrintable("cannot mount a tmpfs here (" + why.trimmed() +
                                 "), so the disk-full case is not tested"));
            mounted = true;
        }
        QVERIFY(copyTree(m_fixture, out));
        if (mounted)
            QVERIFY(fillDisk(out, c.prep == Prep::NearlyFullDisk ? 24 * 1024 : 0));

        QString why;
        switch (c.prep) {
        case Prep::Fifo:
            QCOMPARE(::mkfifo(QFile::encodeName(dir + "/pipe.yml").constData(), 0644), 0);
            break;
        case Prep::Unreadable:
            for (const QString &f : QDir(dir).entryList({"secret.*"}, QDir::Files))
                QVERIFY(QFile::setPermissions(dir + u'/' + f, {}));
            break;
        case Prep::LockedFolder:
            QVERIFY(QFile::setPermissions(dir + "/locked", QFile::ReadOwner | QFile::ExeOwner |
                                                               QFile::ReadOther | QFile::ExeOther));
            break;
        case Prep::ReadOnlyOutput:
            QVERIFY(QFile::setPermissions(out, QFile::ReadOwner | QFile::ExeOwner |
                                                   QFile::ReadOther | QFile::ExeOther));
            break;
        case Prep::VenvWithoutFilare:
        case Prep::VenvWithoutScalene:
            QVERIFY2(makePartialVenv(dir + "/venv", c.prep == Prep::VenvWithoutScalene, &why),
                     qPrintable(why));
            break;
        default:
            break;
        }

        QStringList args;
        for (const QString &a : c.args)
            args << expand(a, dir);
        QMap<QString, QString> env;
        for (auto it = c.env.begin(); it != c.env.end(); ++it)
            env.insert(it.key(), expand(it.value(), dir));
        // Runs go to the folder that holds the earlier run, unless the case is about the folder.
        if (args.value(0) == u"run" && !args.contains("--output-dir") &&
            !env.contains("FIL_PERF_OUTPUT_DIR")) {
            args.insert(1, "--output-dir");
            args.insert(2, out);
        }

        const QMap<QString, QByteArray> before = snapshot(dir);
        QList<Run> runs;
        if (c.concurrent) {
            QProcess *a = startCli(args, env, c.asNobody, dir);
            QProcess *b = startCli(args, env, c.asNobody, dir);
            runs << finishCli(a) << finishCli(b);
        } else {
            runs << finishCli(startCli(args, env, c.asNobody, dir));
        }
        // Let the owner clean up again.
        QFile::setPermissions(out, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        if (QFileInfo::exists(dir + "/locked"))
            QFile::setPermissions(dir + "/locked",
                                  QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);

        // Exit code(s), no hang, no crash, and the message.
        QString text;
        QList<int> codes;
        for (const Run &r : runs) {
            QVERIFY2(r.cli.finished, "filare-perf hung");
            QVERIFY2(!r.crashed, qPrintable("filare-perf crashed:\n" + r.cli.err.right(2000)));
            codes << r.cli.exitCode;
            text += r.cli.err + r.cli.out;
        }
        std::sort(codes.begin(), codes.end());
        const QString shown = text.right(4000);
        if (c.concurrent)
            QCOMPARE(codes, c.exitCodes); // one run gets the label, the other is refused
        else
            QVERIFY2(c.exitCodes.contains(codes.first()),
                     qPrintable(QStringLiteral("exit %1\n").arg(codes.first()) + shown));
        for (const QString &fragment : c.problem + c.fix)
            QVERIFY2(text.contains(expand(fragment, dir)),
                     qPrintable("missing \"" + expand(fragment, dir) + "\" in:\n" + shown));

        // Nothing lost: every file that was there is byte-identical.
        const QMap<QString, QByteArray> after = snapshot(dir);
        for (auto it = before.begin(); it != before.end(); ++it)
            QVERIFY2(after.value(it.key()) == it.value(), qPrintable(it.key() + " changed"));
        // Nothing new that looks like a complete report, nothing torn; a case that stops
        // before running anything leaves nothing at all.
        const bool stoppedEarly = !c.concurrent && (codes.first() == 2 || codes.first() == 3);
        for (auto it = after.begin(); it != after.end(); ++it) {
            const QString rel = it.key();
            if (before.contains(rel) || it.value() == "dir")
                continue;
            const QString name = QFileInfo(rel).fileName();
            const bool ofNewRun = !c.newRun.isEmpty() && rel.startsWith("out/" + c.newRun);
            QVERIFY2(rel.startsWith(QLatin1String("out/")), qPrintable(rel + " outside {out}"));
            if (name.endsWith(QLatin1String("-run.json"))) {
                const QJsonObject rec =
                    QJsonDocument::fromJson(test::readAll(dir + u'/' + rel).toUtf8()).object();
                QVERIFY2(rec.value("format").toString() == u"filare-perf-run",
                         qPrintable(rel + " is torn"));
                QVERIFY2(ofNewRun || rec.value("status").toString() != u"succeeded",
                         qPrintable(rel + " looks like a complete run"));
            } else if (name.endsWith(QLatin1String("-scalene.json")) && !ofNewRun) {
                // A partial profile may stay, next to a record that says the run did not succeed.
                const QString record = dir + u'/' + rel.chopped(13) + "-run.json";
                const QJsonObject rec =
                    QJsonDocument::fromJson(test::readAll(record).toUtf8()).object();
                QVERIFY2(rec.contains("status") && rec.value("status").toString() != u"succeeded",
                         qPrintable(rel + " looks like the profile of a complete run"));
            } else {
                QVERIFY2(ofNewRun || !(name.endsWith(QLatin1String("-scalene.html")) ||
                                       name.endsWith(QLatin1String("-scalene.txt"))),
                         qPrintable(rel + " looks like a complete report"));
            }
        }
        if (stoppedEarly) {
            for (auto it = after.begin(); it != after.end(); ++it)
                QVERIFY2(before.contains(it.key()),
                         qPrintable(it.key() + " was written although nothing ran"));
        }
        if (c.concurrent) {
            // The label's one record is the winner's, whole.
            const QJsonObject rec =
                QJsonDocument::fromJson(test::readAll(out + "/twin-run.json").toUtf8()).object();
            QCOMPARE(rec.value("status").toString(), QStringLiteral("succeeded"));
        }

        if (m_table.isOpen()) {
            QString first;
            for (const QString &line : text.split(u'\n')) {
                if (line.contains(expand(c.problem.first(), dir))) {
                    first = line;
                    break;
                }
            }
            m_table.write(QStringLiteral("| %1 | %2 | %3 |\n")
                              .arg(QString::fromUtf8(c.name))
                              .arg(codes.first())
                              .arg(first.replace(dir, "DIR").trimmed())
                              .toUtf8());
        }
    }

    // The window prepares a run through the same session function as the CLI: for every row it
    // can meet, the same exit code and the same messages, word for word.
    void windowPreparationMatchesCli_data()
    {
        QTest::addColumn<int>("index");
        const QList<Case> all = cases();
        int rows = 0;
        for (int i = 0; i < all.size(); ++i) {
            if (windowCanMeet(all.at(i))) {
                QTest::newRow(all.at(i).name) << i;
                ++rows;
            }
        }
        QVERIFY2(rows >= 10, qPrintable(QString::number(rows)));
    }

    void windowPreparationMatchesCli()
    {
        QFETCH(int, index);
        const Case c = cases().at(index);
        QTemporaryDir tmp(m_root.filePath("session-XXXXXX"));
        QVERIFY(tmp.isValid());
        const QString dir = tmp.path();
        QVERIFY(writeCaseFiles(c, dir));
        const QString out = dir + "/out";
        QString why;
        if (c.prep == Prep::Fifo)
            QCOMPARE(::mkfifo(QFile::encodeName(dir + "/pipe.yml").constData(), 0644), 0);
        if (c.prep == Prep::VenvWithoutFilare || c.prep == Prep::VenvWithoutScalene)
            QVERIFY2(makePartialVenv(dir + "/venv", c.prep == Prep::VenvWithoutScalene, &why),
                     qPrintable(why));
        QStringList projects;
        for (const QString &a : c.args.mid(1))
            projects << expand(a, dir);
        QProcessEnvironment env = test::cleanEnvironment(QDir::tempPath() + "/fperf-no-config");
        for (auto it = c.env.begin(); it != c.env.end(); ++it)
            env.insert(it.key(), expand(it.value(), dir));
        if (!env.contains("FIL_PERF_OUTPUT_DIR"))
            env.insert("FIL_PERF_OUTPUT_DIR", out);

        // The CLI, as a user runs it.
        QMap<QString, QString> cliEnv;
        for (const QString &key : env.keys())
            cliEnv.insert(key, env.value(key));
        const Run cli = finishCli(startCli(QStringList{"run"} + projects, cliEnv, false, dir));
        QVERIFY2(cli.cli.finished && !cli.crashed, qPrintable(cli.cli.err.right(2000)));
        QStringList cliErrors;
        for (const QString &line : cli.cli.err.split(u'\n')) {
            if (line.startsWith(QLatin1String("filare-perf: error: ")))
                cliErrors << line.mid(20);
        }

        // The window: its settings model and its (full) background tool check, then the
        // session, as MainWindow::startProfile calls it.
        SettingsFormModel form;
        form.setEnvironment(env);
        form.setProjectFiles(projects);
        const InterpreterSearch search =
            interpreterSearchFor(form.resolved().values, projects, env);
        ProfileRequest request;
        request.settings = form.resolved();
        request.projectFiles = projects;
        request.environment = env;
        request.tools = checkTools(resolveInterpreter(search), search.pathVariable);
        const ProfileStart start = prepareProfileRun(request);

        QVERIFY2(!start.run.ok(), "the session would start a run the CLI refused");
        QCOMPARE(start.run.exitCode, cli.cli.exitCode);
        QCOMPARE(start.run.errors, cliErrors);
        QVERIFY(!QFileInfo::exists(out) || QDir(out).isEmpty());
    }

    // The disk fills while Filare runs: the last update of the record fails, the record on disk
    // stays whole (it says "running", later shown as interrupted) and the run does not pass
    // for a success.
    void diskFillsDuringTheRun()
    {
        if (::geteuid() != 0)
            QSKIP("mounting a tmpfs for the disk-full case needs root");
        QTemporaryDir tmp(m_root.filePath("case-XXXXXX"));
        const QString dir = tmp.path();
        const QString out = dir + "/out";
        QVERIFY(QDir().mkpath(out));
        QString why;
        if (!runTool("mount", {"-t", "tmpfs", "-o", "size=1m", "tmpfs", out}, &why))
            QSKIP(qPrintable("cannot mount a tmpfs here (" + why.trimmed() +
                             "), so the disk-full case is not tested"));
        const auto unmount = qScopeGuard([&] { runTool("umount", {"-l", out}); });
        // Filare's own outputs go to another file system, so that only the record fails.
        QVERIFY(QDir().mkpath(dir + "/elsewhere"));
        QVERIFY(QFile::link(dir + "/elsewhere", out + "/late-filare"));

        QProcess *p = startCli({"run", "--no-scalene", "--formats", "t", "--output-dir", out,
                                "--run-label", "late", test::sampleProject("small")},
                               {}, false, dir);
        QByteArray err;
        QElapsedTimer clock;
        clock.start();
        while (!err.contains("[plain]") && clock.elapsed() < 60000 &&
               p->state() != QProcess::NotRunning) {
            p->waitForReadyRead(50);
            err += p->readAllStandardError();
        }
        QVERIFY2(err.contains("[plain]"), err.constData());
        QVERIFY(fillDisk(out, 0)); // Filare is running now
        Run r = finishCli(p);
        const QString text = QString::fromUtf8(err) + r.cli.err + r.cli.out;
        QVERIFY2(r.cli.finished && !r.crashed, qPrintable(text.right(3000)));
        QVERIFY2(r.cli.exitCode == 2, qPrintable(text.right(3000)));
        QVERIFY2(text.contains("The run record " + out + "/late-run.json could not be updated") &&
                     text.contains("No space left on device") &&
                     text.contains("free some space there"),
                 qPrintable(text.right(3000)));
        QVERIFY(text.contains("== late: failed"));
        const QJsonObject rec =
            QJsonDocument::fromJson(test::readAll(out + "/late-run.json").toUtf8()).object();
        QCOMPARE(rec.value("status").toString(), QStringLiteral("running"));
    }
};

QTEST_GUILESS_MAIN(BadInputTest)
#include "tst_bad_input.moc"
