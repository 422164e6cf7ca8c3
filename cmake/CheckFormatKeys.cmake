# cmake -DAPP_DIR=app -P CheckFormatKeys.cmake
cmake_minimum_required(VERSION 3.21)
get_filename_component(APP_DIR "${APP_DIR}" ABSOLUTE)
# Fails when a key of LABEL-run.json or of the history index is spelled as a literal outside
# the codec that owns it (docs/run-record.md: one codec per format). The keys are read from the
# codecs' "keys: begin/end" blocks, so a key added there is checked at once.
#
# A key with "_" or "-" (peak_mb, profiled_s) must appear in no other file. A one-word key
# (label, line, memory) is also a setting value, option name or another format's key, so it
# counts only where it is used as a JSON key: value("k"), insert("k", contains("k"), ["k"],
# {"k", ... .
set(owners
    core/store/run_record_codec.h core/store/run_record_codec.cpp
    core/store/history_index_codec.h core/store/history_index_codec.cpp
    core/store/run_group_codec.h core/store/run_group_codec.cpp)

# Files that use the same words for something else, and why. Add a line only for another
# format or a setting id, never to read or write a record.
set(allowed
    # Scalene's own profile (LABEL-scalene.json) and the diff's JSON (diff --format json)
    "core/profile/scalene_profile_reader.cpp:line,lineno,memory,cpu_samples"
    "core/compare/profile_diff.cpp:line,lineno,memory,file,summary,warnings"
    # the profile's tables (show --format json)
    "core/profile/profile_show.cpp:label,file,line,source"
    # what the interpreter probe prints
    "core/tools/tool_check.cpp:python,scalene,filare"
    # the container engine's subcommand (`podman version`)
    "core/tools/container_check.cpp:version"
    # git's subcommand, asked about a Filare checkout
    "core/tools/filare_source.cpp:status"
    # command-line option names
    "cli/cli_commands.cpp:settings,json,format,text,value,file"
    # ... and the history --json shape that `history --help` describes
    "cli/cli_commands.cpp:runs"
    "gui/gui_launcher.cpp:profile"
    # setting ids, keys of the record's "settings" but owned by the settings table
    "core/settings/performance_settings.cpp:output_dir,python"
    "gui/main_window.cpp:output_dir")

set(keys "")
foreach(owner IN LISTS owners)
    file(READ "${APP_DIR}/${owner}" text)
    string(REGEX MATCHALL "// [a-z]+ keys: begin.*// [a-z]+ keys: end" blocks "${text}")
    string(REGEX MATCHALL "QLatin1StringView [A-Za-z0-9_]+\\(\"[^\"]+\"\\)" decls "${blocks}")
    foreach(d IN LISTS decls)
        string(REGEX REPLACE ".*\\(\"([^\"]+)\"\\)" "\\1" k "${d}")
        list(APPEND keys "${k}")
    endforeach()
endforeach()
list(REMOVE_DUPLICATES keys)
list(LENGTH keys count)
if(count LESS 40)
    message(FATAL_ERROR "found only ${count} keys in the codecs' key blocks: has their form "
                        "changed? (constexpr QLatin1StringView name(\"key\"); between "
                        "'// record keys: begin' and '// record keys: end')")
endif()

set(problems "")
file(GLOB_RECURSE files RELATIVE "${APP_DIR}" "${APP_DIR}/*.h" "${APP_DIR}/*.cpp")
list(LENGTH files file_count)
if(file_count LESS 20)
    message(FATAL_ERROR "only ${file_count} source files under ${APP_DIR}: wrong APP_DIR?")
endif()
foreach(rel IN LISTS files)
    if(rel IN_LIST owners)
        continue()
    endif()
    file(READ "${APP_DIR}/${rel}" text)
    set(allowed_here "")
    foreach(a IN LISTS allowed)
        if(a MATCHES "^${rel}:(.*)$")
            string(REPLACE "," ";" words "${CMAKE_MATCH_1}")
            list(APPEND allowed_here ${words})
        endif()
    endforeach()
    foreach(k IN LISTS keys)
        if(k IN_LIST allowed_here)
            continue()
        endif()
        string(FIND "${text}" "${k}\\\"" at)
        string(FIND "${text}" "\"${k}\"" at2)
        if(at EQUAL -1 AND at2 EQUAL -1)
            continue()
        endif()
        set(kre "${k}") # keys are [a-z0-9_-]: nothing to escape
        set(lit "(QStringLiteral\\(|QLatin1String\\(|QLatin1StringView\\(|u)?\"${kre}\"")
        # Also a key inside JSON text in a literal: "\"status\": \"running\"".
        set(in_text "\\\\\"${kre}\\\\\" *:")
        if(k MATCHES "[_-]")
            set(re "(\"${kre}\"|${in_text})")
        else()
            set(re "((value|insert|contains|remove|take|find)\\( *${lit}|\\[ *${lit}|\\{ *${lit} *\\)? *,|${in_text})")
        endif()
        if(NOT text MATCHES "${re}")
            continue()
        endif()
        file(STRINGS "${APP_DIR}/${rel}" lines REGEX "${re}")
        foreach(line IN LISTS lines)
            string(STRIP "${line}" line)
            string(APPEND problems "  ${rel}: \"${k}\" in: ${line}\n")
        endforeach()
    endforeach()
endforeach()

if(problems)
    message(FATAL_ERROR "Run record or history index keys spelled outside their codec:\n"
                        "${problems}Read and write records through core/store/run_record_codec.h "
                        "(the index through history_index_codec.h); if the word means something "
                        "else there, list it in cmake/CheckFormatKeys.cmake with the reason.")
endif()
message(STATUS "format keys: ${count} keys, each spelled only in its codec (${file_count} files)")
