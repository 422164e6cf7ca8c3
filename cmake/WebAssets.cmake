# The chart and layout libraries of Scalene 1.5.x's HTML report, fetched with npm at build time
# into build/share/filare-perf/web-assets and installed to share/filare-perf/web-assets; the
# binary finds them at ../share/filare-perf/web-assets from its own folder (see
# app/core/offline_web_assets.cpp). Nothing is fetched at run time.
option(FPERF_WEB_ASSETS "Fetch the libraries Scalene 1.5.x HTML reports load (needs npm)" ON)
if(NOT FPERF_WEB_ASSETS)
    message(STATUS "Web assets off: Scalene 1.5.x HTML reports will show no charts")
    return()
endif()
find_program(FPERF_NPM npm)
if(NOT FPERF_NPM)
    message(FATAL_ERROR "npm was not found: it fetches the chart libraries for Scalene 1.5.x "
                        "HTML reports at build time. Install it (./scripts/setup, or apt-get "
                        "install npm) or configure with -DFPERF_WEB_ASSETS=OFF.")
endif()
set(FPERF_WEB_ASSETS_DIR ${CMAKE_BINARY_DIR}/share/filare-perf/web-assets)
set(fperf_web_asset_files
    jquery@3.6.0/dist/jquery.slim.min.js
    bootstrap@5.1.3/dist/css/bootstrap.min.css
    bootstrap@5.1.3/dist/js/bootstrap.bundle.min.js
    vega@5.21.0/build/vega.min.js
    vega-lite@5.2.0/build/vega-lite.min.js
    vega-embed@6.20.0/build/vega-embed.min.js)
list(TRANSFORM fperf_web_asset_files PREPEND ${FPERF_WEB_ASSETS_DIR}/)
add_custom_command(
    OUTPUT ${fperf_web_asset_files}
    COMMAND ${CMAKE_COMMAND} -DNPM=${FPERF_NPM} -DWORK_DIR=${CMAKE_BINARY_DIR}/npm-packs
            -DOUT_DIR=${FPERF_WEB_ASSETS_DIR} -P ${PROJECT_SOURCE_DIR}/cmake/FetchWebAssets.cmake
    DEPENDS ${PROJECT_SOURCE_DIR}/cmake/FetchWebAssets.cmake
    COMMENT "Fetching the libraries of Scalene 1.5.x HTML reports with npm"
    VERBATIM)
add_custom_target(web_assets ALL DEPENDS ${fperf_web_asset_files})
install(DIRECTORY ${FPERF_WEB_ASSETS_DIR} DESTINATION ${CMAKE_INSTALL_DATADIR}/filare-perf)
