# Topic judgments: a paragraph "hits" the need when every regex of `all` matches it
# (case-insensitive). g2: substantive document types with at least k2 hitting paragraphs
# (the document is about the need); g1: at least k1 hitting paragraphs. Manual lists
# override (after reading). Terms are given in every language, so that documents in any
# language answer the need.
SUBST = {"views","judgment","general-comment","report","advisory-opinion","inadmissibility","concluding-observations","discontinuance","admissibility-decision","separate-opinion","communicated-case","instrument","resolution"}
DEC = {"views","judgment","general-comment","report","advisory-opinion","concluding-observations"}
DISAPPEAR = [r"enforced disappear|forced disappear|involuntary disappear|disappeared|disparition(s)? forcée|disparu|desaparici[oó]n forzada|desaparecid|desaparecimento forçado|насильственн\w* исчезновени|исчезновени\w* лиц|强迫失踪|失踪|الاختفاء القسري|المختفين|الاختفاء"]
TORTURE = [r"tortur|пытк|пыток|酷刑|التعذيب|تعذيب"]
DEATH = [r"death penalty|death sentence|sentenced to death|capital punishment|death row|peine de mort|peine capitale|pena de muerte|pena capital|pena de morte|смертн\w* казн|смертн\w* приговор|死刑|الإعدام|عقوبة الإعدام"]
IVF = [r"in vitro|\bIVF\b|\bFIV\b|fecundaci[oó]n|fecundação|fertili[sz]ation|fertilização|reproducci[oó]n asistida|reprodução assistida|assisted reproduct"]
T = {
"t-deport-torture-risk": dict(need="Decisions and general comments on the bar to deporting, expelling or extraditing a person to a country where they risk torture (non-refoulement).",
  all=[r"deport|expel|expuls|extradit|refoulement|\bremoval\b|forcibly return|return(ed|ing)? (him|her|them|the (complainant|author))", r"tortur|ill-treatment|article 3|art\. 3|article 7"], k2=4, types2=DEC|{"inadmissibility"}, k1=1),
"t-cat-expulsion-views": dict(need="Committee against Torture Views on expulsion/deportation of a complainant said to face torture (article 3 of the Convention).",
  all=[r"deport|expel|expuls|extradit|refoulement|\bremoval\b|forcibly return|return(ed|ing)? (him|her|them|the complainant)", r"tortur|article 3"], k2=3, types2={"views"}, k1=1,
  where=lambda d: d['mech']=='cat' and d['type']=='views'),
"t-disappearance-en": dict(need="Decisions and reports on enforced disappearance (any system, any language).", all=DISAPPEAR, k2=5, types2=DEC|{"inadmissibility","separate-opinion"}, k1=1),
"t-ivf-en": dict(need="The law on in vitro fertilisation / assisted reproduction (Artavia Murillo v. Costa Rica and what discusses it).", all=IVF, k2=5, types2=DEC|{"separate-opinion","order"}, k1=1),
"t-solitary-en": dict(need="Decisions and reports on solitary confinement / prolonged isolation of detainees.", all=[r"solitary confinement|isolement cellulaire|aislamiento|régimen de aislamiento|одиночн\w* заключени|单独监禁|الحبس الانفرادي"], k2=3, types2=DEC|{"inadmissibility"}, k1=1),
"t-corporal-children-en": dict(need="Corporal punishment of children (CRC general comment No. 8, Tyrer, and the bodies' findings).", all=[r"corporal punishment|birch|caning|flogging|whipping|châtiments? corporels?|castigo(s)? corporal(es)?|castigos físicos|телесн\w* наказани|体罚|العقوبة البدنية"], k2=3, types2=DEC, k1=1),
"t-mandatory-death-en": dict(need="The mandatory death penalty (death sentences imposed automatically, without regard to the circumstances).",
  all=[r"mandatory"]+DEATH, k2=2, types2=DEC|{"inadmissibility"}, k1=1),
"t-domestic-violence-cedaw": dict(need="CEDAW's findings and recommendations on domestic violence.", all=[r"domestic violence|violence in the family|family violence|intimate partner"], k2=3, types2=DEC|{"inadmissibility"}, k1=1,
  where=lambda d: d['mech']=='cedaw',
  # Metadata-only records of the OHCHR database (no text): the domestic-violence Views, known by their facts.
  g2=["ohchr:cedaw-c-39-d-5-2005","ohchr:cedaw-c-39-d-6-2005","ohchr:cedaw-c-49-d-20-2008","ohchr:cedaw-c-52-d-32-2011","ohchr:cedaw-c-58-d-47-2012","ohchr:cedaw-c-61-d-24-2009"],
  g1=["ohchr:cedaw-c-51-d-19-2008","ohchr:cedaw-c-61-d-52-2013"]),
"t-conscientious-en": dict(need="Conscientious objection to compulsory military service.", all=[r"conscientious object|objeción de conciencia|objection de conscience"], k2=3, types2=DEC|{"inadmissibility"}, k1=1),
"t-forced-eviction-en": dict(need="Forced evictions and the right to adequate housing.", all=[r"evict|expulsions? forcées?|desalojo"], k2=3, types2=DEC|{"inadmissibility"}, k1=1),
"t-journalists-en": dict(need="Freedom of expression of journalists and the press (prosecution, defamation, harassment of journalists).", all=[r"journalist|\bpress\b|newspaper|\bmedia\b|periodist|journaliste|журналист|记者|الصحفي", r"expression|article 19|art\. 19|article 10|defamation|libel|opinion"], k2=3, types2=DEC|{"inadmissibility","communicated-case","admissibility-decision"}, k1=1),
"t-homosexuality-en": dict(need="Criminalisation of homosexuality and discrimination on grounds of sexual orientation.", all=[r"homosexual|sexual orientation|same-sex|sodomy|buggery|gay|lesbian|LGBT"], k2=3, strict2=[r"homosexual|same-sex|sodomy|buggery|criminali[sz]\w*[^.]{0,40}(consensual|sexual orientation|homosexual)"], types2=DEC|{"inadmissibility"}, k1=1),
"t-length-ecthr": dict(need="ECtHR case law on the length of proceedings (reasonable time, Article 6 § 1).", all=[r"reasonable time|length of (the )?proceedings|délai raisonnable|durée de (la )?procédure|durée des procédures"], k2=3, types2=SUBST, k1=1,
  where=lambda d: d['mech'] in ('ecthr','ecommhr')),
"t-torture-views-90s": dict(need="1990s treaty-body Views on torture or ill-treatment of people in police custody or detention.", all=[r"tortur|ill-treat|beat|beaten|ill treat", r"custody|detention|detained|police|prison|arrest"], k2=3, types2={"views"}, k1=1,
  where=lambda d: d['type']=='views' and (d['date'] or '')[:4].isdigit() and 1990<=int(d['date'][:4])<=1999),
"t-child-marriage-bgd": dict(need="Recommendations and findings on child / early marriage addressed to Bangladesh.", all=[r"child marriage|early marriage|forced marriage|marriage|minimum age"], k2=1, types2={"recommendation","report","concluding-observations"}, k1=1,
  where=lambda d: 'Bangladesh' in (d['states'] or []), strict2=[r"child marriage|early marriage|forced marriage|age of marriage|marriageable age|minimum age"]),
"t-indigenous-land-en": dict(need="Indigenous peoples' rights to their lands, territories and resources.", all=[r"indigenous|tribal|autochtone|indígena|коренн|土著|الشعوب الأصلية", r"\bland|territor|ancestral|terre|tierra|terra\b|земл|土地|أراضي"], k2=3, types2=DEC|{"inadmissibility"}, k1=1),
"t-disappearance-fr": dict(need="(French) enforced disappearance, any system, any language.", same_as="t-disappearance-en"),
"t-reasonable-time-fr": dict(need="(French) the reasonable-time requirement: length of judicial proceedings, any system.", all=[r"reasonable time|length of (the )?proceedings|délai raisonnable|durée de (la )?procédure|plazo razonable|prazo razoável"], k2=3, types2=SUBST, k1=1),
"t-vaw-morocco-fr": dict(need="(French) recommendations and findings on violence against women addressed to Morocco.", all=[r"violen", r"femmes?|women|woman|filles|girls|المرأة|النساء|épouse|conjugal"], k2=1, types2={"recommendation","report","concluding-observations","views"}, k1=1,
  where=lambda d: 'Morocco' in (d['states'] or [])),
"t-disappearance-es": dict(need="(Spanish) enforced disappearance, any system, any language.", same_as="t-disappearance-en"),
"t-ivf-es": dict(need="(Spanish) in vitro fertilisation: Artavia Murillo and what discusses it.", same_as="t-ivf-en"),
"t-torture-confession-es": dict(need="(Spanish) confessions obtained under torture and their use as evidence.", all=TORTURE+[r"confes|confissão|confissões|признани|供认|口供|اعتراف"], k2=2, types2=DEC|{"inadmissibility"}, k1=1),
"t-ivf-pt": dict(need="(Portuguese) in vitro fertilisation: Artavia Murillo and what discusses it.", same_as="t-ivf-en"),
"t-torture-confession-pt": dict(need="(Portuguese) confessions obtained under torture.", same_as="t-torture-confession-es"),
"t-disappearance-ru": dict(need="(Russian) enforced disappearance, any system, any language.", same_as="t-disappearance-en"),
"t-death-penalty-ru": dict(need="(Russian) the death penalty: its limits and abolition, any system, any language.", all=DEATH, k2=4, types2=DEC|{"inadmissibility","instrument"}, k1=1),
"t-torture-custody-ru": dict(need="(Russian) torture of people deprived of liberty (custody, prisons), any language.", all=TORTURE+[r"custody|detention|detained|prison|police|deprived of (their )?liberty|лишени\w* свободы|содержани\w* под стражей|заключени|拘留|羁押|监狱|الاحتجاز|السجن|احتجاز"], k2=4, types2=DEC|{"inadmissibility"}, k1=1),
"t-disappearance-zh": dict(need="(Chinese) enforced disappearance, any system, any language.", same_as="t-disappearance-en"),
"t-torture-zh": dict(need="(Chinese) torture: its prohibition and the bodies' findings, any language.", all=TORTURE, k2=8, types2=DEC|{"inadmissibility"}, k1=1),
"t-death-penalty-zh": dict(need="(Chinese) the death penalty, any system, any language.", same_as="t-death-penalty-ru"),
"t-disappearance-ar": dict(need="(Arabic) enforced disappearance, any system, any language.", same_as="t-disappearance-en"),
"t-torture-ar": dict(need="(Arabic) torture: its prohibition and the bodies' findings, any language.", same_as="t-torture-zh"),
"t-vaw-ar": dict(need="(Arabic) violence against women, any system, any language.", all=[r"violence against women|gender-based violence|domestic violence|violence à l'égard des femmes|violences? faites aux femmes|violence contre les femmes|violencia contra la mujer|насили\w* в отношении женщин|对妇女的暴力|对妇女暴力|العنف (ضد|على) (المرأة|النساء)|العنف المنزلي|العنف الأسري"], k2=3, types2=DEC|{"inadmissibility"}, k1=1),
}
