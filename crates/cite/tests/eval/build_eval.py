import json, re
L = {
6:['comm:CESCR:174/2019'],7:['comm:CESCR:20/2017'],
12:['ehrr:11/439','comm:CCPR:250/1987','comm:CCPR:230/1987'],
20:['comm:CCPR:210/1986','comm:CCPR:225/1987','comm:CCPR:283/1988'],
22:['comm:CCPR:188/1984'],26:['comm:CCPR:415/1990'],28:['comm:CCPR:588/1994'],
33:['un:E/CN.4/2003/58'],34:['un:E/CN.4/RES/1999/32','un:A/RES/54/156'],36:['un:A/61/338'],
37:['un:A/72/496','un:A/76/158','un:A/73/262','un:A/HRC/14/25','un:A/HRC/14/25/CORR.1','un:A/HRC/11/8','un:E/CN.4/2006/45','un:A/HRC/47/32'],
39:['un:E/CN.4/2001/52'],40:['un:A/71/358'],41:['gc:CCPR:35','un:A/56/156'],42:['un:A/RES/2200(XXI)'],
43:['un:A/HRC/35/21'],45:['un:A/HRC/32/37'],46:['un:E/CN.4/1997/7'],50:['un:A/HRC/13/40/ADD.5'],
51:['un:E/CN.4/1993/26'],52:['un:S/RES/2286'],56:['gc:CEDAW:9'],58:['gc:CRC:9'],59:['un:A/HRC/38/36'],
60:['un:A/RES/55/2'],61:['gc:CRC:2'],75:['ecthr:app:29750/09'],78:['ecthr:seriesA:44'],80:['ecthr:seriesA:289-A'],
81:['ecthr:reports:1996-IV/1210'],82:['ecthr:app:20826/92'],83:['ecthr:seriesA:273-A'],87:['ecthr:seriesA:206-C'],
89:['ecthr:seriesA:299-A'],90:['ecthr:seriesA:24','ecthr:seriesA:108'],
112:['gc:CRPD:3'],115:['gc:CESCR:16'],117:['gc:CESCR:16'],118:['un:A/HRC/23/39'],119:['gc:CRPD:3'],120:['gc:CRPD:3'],
122:['un:A/HRC/21/3','upr:A/HRC/21/3:129.62','upr:A/HRC/21/3:129.65'],
129:['un:S/RES/1591'],130:['un:S/RES/1503'],136:['un:S/RES/2174','un:S/RES/2146'],
138:['un:S/RES/%d' % n for n in (1880,1893,1911,1933,1946,1962,1975,1980,2000,2045,2062,2101,2112,2153,2162)],
144:['un:S/RES/2178'],145:['un:S/RES/1325'],150:['un:S/RES/1502'],155:['un:E/CN.4/1990/22/ADD.1'],
158:['iacthr:C:147','iacthr:C:141'],159:['iacthr:C:39'],162:['iacthr:C:34'],
1002:['comm:CCPR:1986/2010'],1003:['comm:CCPR:2134/2012','comm:CCPR:2143/2012'],1004:['un:CCPR/C/52/D/386/198'],
1005:['gc:CESCR:7'],1006:['comm:CCPR:208/1986'],1007:['comm:CAT:42/1996'],1009:['un:A/41/40'],1010:['comm:CESCR:330/2023'],
1011:['comm:CCPR:220/1987','comm:CCPR:222/1987'],1014:['gc:CESCR:7'],1016:['comm:CCPR:348/1989'],1018:['ecthr:seriesA:161'],
1019:['un:A/HRC/7/11'],1020:['un:E/CN.4/1999/61'],1021:['un:A/HRC/19/61/ADD.1'],1022:['un:E/CN.4/2005/62'],1023:['un:E/CN.4/1991/17'],
1024:['un:A/73/207'],1025:['un:E/CN.4/SUB.2/1993/8'],1026:['un:E/CN.4/1996/35'],1030:['un:A/57/173'],1032:['un:E/CN.4/1996/35'],
1034:['gc:CEDAW:36'],1035:['gc:CRC:12'],1036:['gc:CRC:13'],1037:['un:A/RES/48/134','gc:CRC:2'],1038:['un:A/53/44','un:A/53/44/CORR.1'],
1039:['ecthr:seriesA:42','ecthr:seriesA:56'],1040:['ecthr:seriesA:30'],1042:['ecthr:app:11683/85'],1043:['ecthr:seriesA:261-A'],
1044:['ecthr:app:12954/87'],1048:['ecthr:app:7678/09'],1052:['ecthr:seriesA:234-B'],1060:['un:A/HRC/WG.6/4/DEU/1'],
1064:['gc:CMW:2'],1065:['gc:CRC:16'],1068:['un:E/C.12/2008/2'],1069:['gc:CRC:8'],1071:['gc:?:9'],1078:['gc:?:19'],1079:['un:S/2014/648'],
1086:['gc:?:19'],1092:['iachr:case:12.228'],1095:['iacthr:C:96'],1096:['iacthr:C:20'],1098:['iachr:report:85/07','iachr:case:11.385'],
1099:['iacthr:C:137'],1100:['iacthr:C:182'],1102:['iacthr:C:146'],1104:['ecthr:app:24276/94'],1105:['iacthr:C:152'],
}
MOROCCO = {112:'crpd',115:'cescr',117:'cescr',119:'crpd',120:'crpd',1064:'cmw',1065:'crc',1069:'crc',122:'upr'}
def mechanism(r):
    s = r['source']
    if r['id'] in MOROCCO: return MOROCCO[r['id']]
    if s.startswith('treaty-bodies/decisions/'):
        doc = s.split('#')[1]
        if doc.startswith('e-c-12'): return 'cescr'
        return doc.split('-')[0]
    if s.startswith('special-procedures/'): return 'special-procedures'
    if s.startswith('general-comments/'):
        return s.split('Annotated_')[1].split('_')[0].split('-')[0].lower()
    if s.startswith('echr/'): return 'ecthr'
    if s.startswith('upr/'): return 'upr'
    if s.startswith('iacthr/'): return 'iacthr'
    return None
out = open('/work/main/crates/cite/tests/eval/passages.jsonl', 'w')
n = 0
for f in ('unlabelled.jsonl', 'unlabelled_b.jsonl'):
    for line in open(f):
        r = json.loads(line)
        rec = {'id': r['id'], 'source': r['source'], 'selection': r['selection'], 'mechanism': mechanism(r), 'text': r['text'], 'keys': L.get(r['id'], [])}
        out.write(json.dumps(rec, ensure_ascii=False) + '\n'); n += 1
print(n, sum(len(v) for v in L.values()))
