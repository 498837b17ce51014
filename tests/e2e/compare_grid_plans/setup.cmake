# A previous output folder: today's halves with c21 moved from W (1) to E (2).
file(MAKE_DIRECTORY "${WORK_DIR}/edited")
file(WRITE "${WORK_DIR}/edited/assignment.csv"
     "area_id,locality\nc00,1\nc10,1\nc20,1\nc01,1\nc11,1\nc21,2\nc02,2\nc12,2\nc22,2\n")
