# cmake -DAPP_DIR=app -P CheckScaleneKeys.cmake
# Scalene's JSON is read in one place: core/profile/scalene_profile_reader.cpp. Every key it
# compares (key == "...") that is Scalene's own (has a '_': "n_peak_mb", not "line") must
# appear as a string literal in no other file of the app.
cmake_minimum_required(VERSION 3.21)
set(owner core/profile/scalene_profile_reader.cpp)
file(READ "${APP_DIR}/${owner}" reader)
string(REGEX MATCHALL "key == \"[a-z0-9_]+\"" compares "${reader}")
set(keys "")
foreach(c IN LISTS compares)
    string(REGEX REPLACE "key == \"([a-z0-9_]+)\"" "\\1" k "${c}")
    if(k MATCHES "_")
        list(APPEND keys "${k}")
    endif()
endforeach()
# Words that are keys of our own formats too, and mean our figure there.
list(REMOVE_ITEM keys cpu_samples)
list(REMOVE_DUPLICATES keys)
list(LENGTH keys count)
if(count LESS 30)
    message(FATAL_ERROR "found only ${count} Scalene keys in ${owner}: has its form changed? "
                        "(key == \"n_peak_mb\")")
endif()
file(GLOB_RECURSE files RELATIVE "${APP_DIR}" "${APP_DIR}/*.h" "${APP_DIR}/*.cpp")
set(problems "")
foreach(rel IN LISTS files)
    if(rel STREQUAL owner)
        continue()
    endif()
    file(READ "${APP_DIR}/${rel}" text)
    foreach(k IN LISTS keys)
        string(FIND "${text}" "\"${k}\"" at)
        string(FIND "${text}" "${k}\\\"" at2)
        if(at GREATER -1 OR at2 GREATER -1)
            string(APPEND problems "  ${rel}: \"${k}\"\n")
        endif()
    endforeach()
endforeach()
if(problems)
    message(FATAL_ERROR "Scalene's JSON keys read outside its one reader:\n${problems}"
                        "Read profiles through core/profile/scalene_profile_reader.h and use the "
                        "typed model (core/profile/scalene_profile_model.h).")
endif()
message(STATUS "scalene keys: ${count} keys, read only in ${owner}")
