# Fetches the libraries that Scalene 1.5.x's HTML report loads from CDNs, with npm, and keeps
# only the files it loads (plus each license). Run at build time by cmake/WebAssets.cmake:
#   cmake -DNPM=npm -DWORK_DIR=... -DOUT_DIR=... -P FetchWebAssets.cmake
# Keep the list in step with app/core/offline_web_assets.cpp.
set(packages
    "jquery@3.6.0|LICENSE.txt|dist/jquery.slim.min.js"
    "bootstrap@5.1.3|LICENSE|dist/css/bootstrap.min.css|dist/js/bootstrap.bundle.min.js"
    "vega@5.21.0|LICENSE|build/vega.min.js"
    "vega-lite@5.2.0|LICENSE|build/vega-lite.min.js"
    "vega-embed@6.20.0|LICENSE|build/vega-embed.min.js")

file(MAKE_DIRECTORY "${WORK_DIR}")
foreach(entry IN LISTS packages)
    string(REPLACE "|" ";" parts "${entry}")
    list(GET parts 0 spec)
    list(SUBLIST parts 1 -1 files)
    string(REPLACE "@" "-" tarball "${spec}.tgz")
    if(NOT EXISTS "${WORK_DIR}/${tarball}")
        execute_process(
            COMMAND "${NPM}" pack "${spec}" --pack-destination "${WORK_DIR}" --silent
                    --loglevel=error --update-notifier=false
            WORKING_DIRECTORY "${WORK_DIR}"
            RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
        if(NOT rc EQUAL 0 OR NOT EXISTS "${WORK_DIR}/${tarball}")
            message(FATAL_ERROR
                "npm could not fetch ${spec} (${rc}): ${err}\n"
                "Scalene 1.5.x HTML reports need it for their charts. Check the network and "
                "npm's registry setting, or configure with -DFPERF_WEB_ASSETS=OFF to build "
                "without it (those reports then show tables but no charts).")
        endif()
    endif()
    set(unpacked "${WORK_DIR}/${spec}")
    file(REMOVE_RECURSE "${unpacked}")
    file(MAKE_DIRECTORY "${unpacked}")
    execute_process(COMMAND "${CMAKE_COMMAND}" -E tar xzf "${WORK_DIR}/${tarball}"
                    WORKING_DIRECTORY "${unpacked}" RESULT_VARIABLE rc)
    if(NOT rc EQUAL 0)
        message(FATAL_ERROR "cannot unpack ${WORK_DIR}/${tarball}; delete it and build again")
    endif()
    foreach(f IN LISTS files)
        if(NOT EXISTS "${unpacked}/package/${f}")
            message(FATAL_ERROR "${spec} from npm has no ${f}")
        endif()
        get_filename_component(dir "${OUT_DIR}/${spec}/${f}" DIRECTORY)
        file(MAKE_DIRECTORY "${dir}")
        file(COPY_FILE "${unpacked}/package/${f}" "${OUT_DIR}/${spec}/${f}")
    endforeach()
    file(REMOVE_RECURSE "${unpacked}") # the tarball stays for the next build
endforeach()
