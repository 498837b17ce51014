include(${CASE_DIR}/../released_run.cmake)
