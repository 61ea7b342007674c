import os, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen import *
BODY=HEAD[3:]
rest=BODY+T2+T3HDR+t3_rows(E14)+T4HDR+[t4_line(E14)]+TAIL
w('m01_title_3lines.txt', ['淮安市人民政府','2024年','政府信息公开工作年度报告']+rest)
w('m02_office_line_above.txt', ['淮安市人民政府办公室','淮安市人民政府2024年政府信息公开工作年度报告']+rest)
w('m03_title_no_year.txt', ['淮安市人民政府政府信息公开工作年度报告']+rest)
w('m04_year_niandu.txt', ['淮安市人民政府2024年度政府信息公开工作年度报告']+rest)
w('m05_split_mid_organ.txt', ['淮安市人民','政府2024年政府信息公开工作年度报告']+rest)
w('m06_guanyu.txt', ['关于淮安市人民政府2024年政府信息公开工作年度报告']+rest)
w('m07_prev_year_report_link.txt', ['淮安市人民政府2024年政府信息公开工作年度报告','相关链接：淮安市人民政府2023年政府信息公开工作年度报告']+rest)
