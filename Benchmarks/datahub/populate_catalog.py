#!/usr/bin/env python3
"""Fill a migrated Mokmin database with N synthetic catalog entries (default 10,000), fast, straight through sqlite3.

Writes what publishing a dataset writes to the catalog tables: a `dataset` row (searchText exactly as
GRDBDatasetRepository.upsertMetadata builds it: title, description, organization, slug, tags, column labels, joined by
newlines and lowercased), its `datasetTag` rows, and one `datasetVersion` row (format, columns JSON in DatasetColumn's
shape). The version tables themselves are not created: package_search never reads them.

usage: populate_catalog.py DB [N] [SEED]
"""
import json
import random
import sqlite3
import sys
from datetime import datetime, timedelta

db_path = sys.argv[1]
n = int(sys.argv[2]) if len(sys.argv) > 2 else 10_000
rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 1)

ORGS = ["기후환경과", "대기환경팀", "교통정책과", "대중교통과", "도로과", "주차관리팀", "도시계획과", "건축과", "주택과", "토지정보과",
        "복지정책과", "노인복지과", "아동청소년과", "여성가족과", "보건정책과", "감염병관리과", "재난안전과", "민방위과", "소방행정과",
        "경제정책과", "일자리정책과", "소상공인과", "관광문화과", "체육진흥과", "평생교육과", "농업정책과", "산림공원과", "상하수도과",
        "자원순환과", "세정과", "회계과", "정보통신과", "데이터정책팀", "민원여권과", "행정지원과"]
PLACES = ["세종특별자치시", "조치원읍", "연기면", "연동면", "부강면", "금남면", "장군면", "연서면", "전의면", "전동면", "소정면",
          "한솔동", "새롬동", "도담동", "아름동", "종촌동", "고운동", "보람동", "대평동", "소담동", "반곡동", "나성동", "다정동", "해밀동"]
SUBJECTS = ["대기질", "대기오염도", "미세먼지", "초미세먼지", "오존", "대기환경", "버스정류장", "버스노선", "시내버스 운행", "택시 승차대",
            "공영주차장", "주차장", "불법주정차 단속", "교통사고", "교통량", "도로 공사", "가로등", "보안등", "CCTV", "어린이보호구역",
            "생활인구", "주민등록인구", "세대수", "출생", "사망", "전입전출", "외국인 주민", "노인복지시설", "경로당", "어린이집",
            "지역아동센터", "도서관", "공공체육시설", "공원", "산책로", "등산로", "문화재", "관광지", "축제", "음식점 인허가",
            "착한가격업소", "전통시장", "전기차 충전소", "수소충전소", "지진 옥외대피소", "민방위 대피시설", "무더위쉼터", "한파쉼터",
            "재난문자", "침수 위험지역", "급경사지", "하천 수위", "상수도 사용량", "하수처리", "쓰레기 배출", "재활용 수거",
            "공동주택", "건축 인허가", "개발행위허가", "토지 거래", "공시지가", "지방세 부과", "예산 집행", "계약 현황", "민원 처리",
            "와이파이", "공공시설 예약", "자전거 대여소", "공유자전거 이용", "보건소 진료", "예방접종", "감염병 발생", "식품위생"]
KINDS = ["현황", "측정 정보", "통계", "목록", "위치 정보", "월별 현황", "연도별 통계", "실시간 정보", "시설 정보", "이용 현황", "운영 정보"]
TAGS = ["환경", "대기", "교통", "주차", "인구", "복지", "보건", "안전", "재난", "문화", "관광", "경제", "일자리", "농업", "도시",
        "건축", "주택", "세금", "예산", "행정", "공간정보", "실시간", "생활", "어린이", "노인", "에너지", "전기차", "물관리"]
COLUMN_LABELS = ["기준일자", "측정일시", "측정소명", "주소", "도로명주소", "지번주소", "위도", "경도", "행정동코드", "법정동코드", "시설명",
                 "시설유형", "운영기관", "전화번호", "개방시간", "수용인원", "면적", "설치연도", "이용자수", "건수", "금액", "미세먼지농도",
                 "초미세먼지농도", "오존농도", "이산화질소농도", "일산화탄소농도", "아황산가스농도", "통합대기환경지수", "등급", "비고",
                 "관리번호", "데이터기준일자", "노선번호", "정류장명", "정류장ID", "주차면수", "요금", "구분", "성별", "연령대", "인구수"]
TYPES = ["text", "integer", "decimal", "date", "dateTime", "longitude", "latitude", "regionCode"]
LICENSES = ["KOGL-1"] * 6 + ["KOGL-2", "KOGL-3", "KOGL-4", "CC-BY-4.0"]
FORMATS = ["csv"] * 6 + ["xlsx", "xlsx", "json", "geojson"]
SENTENCES = ["{place}의 {subject} 자료입니다.", "{org}에서 관리하는 {subject} {kind} 데이터입니다.",
             "매월 갱신되며 공공데이터포털에도 같은 자료가 있습니다.", "좌표는 WGS84 경위도입니다.",
             "개인정보는 제거하였습니다.", "읍면동 단위로 집계하였습니다.", "원자료는 {org} 업무 시스템에서 추출하였습니다.",
             "행정동 코드로 지역과 연결됩니다.", "전년 대비 변화를 함께 제공합니다.", "측정값은 시간 평균입니다."]

con = sqlite3.connect(db_path)
start = datetime(2024, 1, 1)
datasets, tags, versions = [], [], []
for i in range(1, n + 1):
    place, subject, kind, org = rng.choice(PLACES), rng.choice(SUBJECTS), rng.choice(KINDS), rng.choice(ORGS)
    year = rng.randint(2015, 2026)
    title = f"{place} {subject} {kind} ({year})"
    description = " ".join(s.format(place=place, subject=subject, kind=kind, org=org) for s in rng.sample(SENTENCES, rng.randint(2, 4)))
    slug = f"ds-{i:05d}"
    ts = sorted(set(rng.sample(TAGS, rng.randint(1, 4))))
    labels = rng.sample(COLUMN_LABELS, rng.randint(4, 12))
    search = "\n".join([title, description, org, slug] + ts + labels).lower()
    created = start + timedelta(minutes=rng.randint(0, 60 * 24 * 900))
    updated = created + timedelta(minutes=rng.randint(0, 60 * 24 * 60))
    fmt = lambda d: d.strftime("%Y-%m-%d %H:%M:%S.000")
    datasets.append((i, slug, title, description, org, rng.choice(LICENSES), rng.choice(["", "월간", "연간", "실시간"]), "",
                     "", "세종특별자치시", "public" if rng.random() < 0.9 else "internal", "", fmt(created), fmt(updated), search))
    tags.extend((i, t) for t in ts)
    columns = [{"nullCount": 0, "label": l, "type": rng.choice(TYPES), "sqlName": f"c{k + 1}"} for k, l in enumerate(labels)]
    f = rng.choice(FORMATS)
    versions.append((i, i, 1, f"ds_{i}_v1", f"{slug}.{f}", f, "utf-8", rng.randint(10, 200_000),
                     json.dumps(columns, ensure_ascii=False), "{}", "[]", fmt(updated)))
with con:
    con.executemany("INSERT INTO dataset (id, slug, title, description, organization, license, frequency, source, temporalCoverage, "
                    "spatialCoverage, visibility, contact, createdAt, updatedAt, searchText) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", datasets)
    con.executemany("INSERT INTO datasetTag (datasetID, tag) VALUES (?, ?)", tags)
    con.executemany("INSERT INTO datasetVersion (id, datasetID, number, tableName, fileName, format, encoding, rowCount, columns, "
                    "report, profile, createdAt) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", versions)
con.close()
print(f"inserted {len(datasets)} datasets, {len(tags)} tags, {len(versions)} versions")
