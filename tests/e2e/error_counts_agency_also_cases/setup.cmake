include(${CASE_DIR}/../share_package.cmake)
