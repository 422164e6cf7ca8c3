# cmake -DSOURCE_DIR=... -DLAYERS=core-layers.txt -DSCRATCH=dir -P wrong_way_include.cmake
# The real core passes the layer check; a copy with one planted wrong-way include (the run
# record reaching up to the run controller) and one with a core file including the GUI fail it.
cmake_minimum_required(VERSION 3.21)
set(check ${SOURCE_DIR}/cmake/CheckCoreLayers.cmake)

execute_process(COMMAND ${CMAKE_COMMAND} -DCORE_DIR=${SOURCE_DIR}/app/core -DLAYERS=${LAYERS}
                        -P ${check} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "the real core fails its own layer check:\n${err}")
endif()

function(expect_refused name file line expected)
    set(copy ${SCRATCH}/${name})
    file(REMOVE_RECURSE ${copy})
    file(COPY ${SOURCE_DIR}/app/core DESTINATION ${copy})
    file(APPEND ${copy}/core/${file} "\n${line}\n")
    execute_process(COMMAND ${CMAKE_COMMAND} -DCORE_DIR=${copy}/core -DLAYERS=${LAYERS}
                            -P ${check} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
    if(rc EQUAL 0)
        message(FATAL_ERROR "${name}: the planted include in ${file} passed the layer check")
    endif()
    string(FIND "${err}" "${expected}" at)
    if(at EQUAL -1)
        message(FATAL_ERROR "${name}: the message does not name the include:\n${err}")
    endif()
    message(STATUS "${name}: refused as expected")
    file(REMOVE_RECURSE ${copy})
endfunction()

expect_refused(upward store/run_record.h "#include \"core/run/run_controller.h\""
               "store/run_record.h: #include \"core/run/run_controller.h\"")
expect_refused(sideways process/proc_info.cpp "#include \"core/store/run_record.h\""
               "process/proc_info.cpp: #include \"core/store/run_record.h\"")
expect_refused(front_end profile/scalene_profile.cpp "#include \"gui/main_window.h\""
               "the core never includes a front end")
