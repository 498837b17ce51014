set(RELEASED_ARGS --suppress-below 3)
include(${CASE_DIR}/../released_run.cmake)
