# cmake -DSOURCE_DIR=... -DSCRATCH=dir -P scalene_keys.cmake
# The real app reads Scalene's JSON only in its reader; a copy that reads a key elsewhere fails.
cmake_minimum_required(VERSION 3.21)
set(check ${SOURCE_DIR}/cmake/CheckScaleneKeys.cmake)
execute_process(COMMAND ${CMAKE_COMMAND} -DAPP_DIR=${SOURCE_DIR}/app -P ${check}
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "Scalene's JSON is read outside its reader:\n${err}")
endif()
message(STATUS "${out}${err}")

set(copy ${SCRATCH}/planted)
file(REMOVE_RECURSE ${copy})
file(COPY ${SOURCE_DIR}/app DESTINATION ${copy})
file(APPEND ${copy}/app/core/compare/profile_diff.cpp
     "\nstatic auto planted = QJsonObject().value(QStringLiteral(\"n_peak_mb\"));\n")
execute_process(COMMAND ${CMAKE_COMMAND} -DAPP_DIR=${copy}/app -P ${check}
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
file(REMOVE_RECURSE ${copy})
if(rc EQUAL 0)
    message(FATAL_ERROR "a Scalene key planted in profile_diff.cpp passed the check")
endif()
string(FIND "${err}" "core/compare/profile_diff.cpp: \"n_peak_mb\"" at)
if(at EQUAL -1)
    message(FATAL_ERROR "the message does not name the planted key:\n${err}")
endif()
message(STATUS "planted key refused as expected")
