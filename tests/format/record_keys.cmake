# cmake -DSOURCE_DIR=... -DSCRATCH=dir -P record_keys.cmake
# The real app spells run record and history index keys only in their codecs; copies with a
# key planted elsewhere (a record key read in the CLI, an index key written by a model) fail.
cmake_minimum_required(VERSION 3.21)
set(check ${SOURCE_DIR}/cmake/CheckFormatKeys.cmake)

execute_process(COMMAND ${CMAKE_COMMAND} -DAPP_DIR=${SOURCE_DIR}/app -P ${check}
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "a format key is spelled outside its codec:\n${err}")
endif()
message(STATUS "${out}")

function(expect_refused name file line expected)
    set(copy ${SCRATCH}/${name})
    file(REMOVE_RECURSE ${copy})
    file(COPY ${SOURCE_DIR}/app DESTINATION ${copy})
    file(APPEND ${copy}/app/${file} "\n${line}\n")
    execute_process(COMMAND ${CMAKE_COMMAND} -DAPP_DIR=${copy}/app -P ${check}
                    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
    if(rc EQUAL 0)
        message(FATAL_ERROR "${name}: the key planted in ${file} passed the check")
    endif()
    string(FIND "${err}" "${expected}" at)
    if(at EQUAL -1)
        message(FATAL_ERROR "${name}: the message does not name the key:\n${err}")
    endif()
    message(STATUS "${name}: refused as expected")
    file(REMOVE_RECURSE ${copy})
endfunction()

expect_refused(record_key cli/cli_commands.cpp
               "static auto planted = QJsonObject().value(QStringLiteral(\"profiled_s\"));"
               "cli/cli_commands.cpp: \"profiled_s\"")
expect_refused(one_word_key gui/history_panel.cpp
               "static QJsonObject planted{{QStringLiteral(\"status\"), 1}};"
               "gui/history_panel.cpp: \"status\"")
expect_refused(index_key core/models/run_history_model.cpp
               "static auto planted = QJsonObject().contains(u\"started_ms\");"
               "core/models/run_history_model.cpp: \"started_ms\"")
