# SPDX-License-Identifier: MIT
file(COPY "${SOURCE_DIR}/data/fixtures/grid_noprj.shp" "${SOURCE_DIR}/data/fixtures/grid_noprj.shx" "${SOURCE_DIR}/data/fixtures/grid_noprj.dbf" DESTINATION "${WORK_DIR}")
file(REMOVE "${WORK_DIR}/grid_noprj.dbf")
