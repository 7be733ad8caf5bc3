/*
 * Check suite for align: crafted clause lists built from A/RES/79/53
 * (Countering the threat posed by improvised explosive devices), property
 * tests over seeded random edits, and a 6000-clause timing run.
 */
#include "config.h"

#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "align.h"
#include "util.h"

/* The 29 preambular (section 0) and 28 operative (section 1) paragraphs. */
static const struct {
	int section;
	const char *text;
} res[] = {
	{ 0,
	  "Recalling its resolutions 70/46 of 7 December 2015, 71/72 of 5 "
	  "December 2016, 72/36 of 4 December 2017, 73/67 of 5 December 2018, "
	  "75/59 of 7 December 2020 and 77/64 of 7 December 2022, and its "
	  "decision 76/516 of 6 December 2021," },
	{ 0,
	  "Expressing grave concern over the devastation caused by the "
	  "increasing use of improvised explosive devices by illegal armed "
	  "groups, terrorists and other unauthorized recipients, which has "
	  "affected a large number of countries and has resulted in thousands "
	  "of casualties, both civilian and military, and in this regard "
	  "stressing the need for all actors to comply with applicable "
	  "international law at all times," },
	{ 0,
	  "Expressing concern over the increased use of and sophistication of "
	  "the design and means of detonation of improvised explosive devices, "
	  "including new trends and the use of new technological advancements "
	  "by illegal armed groups to design, manufacture and deliver "
	  "improvised explosive devices," },
	{ 0,
	  "Expressing profound concern at the indiscriminate use and effects "
	  "of improvised explosive devices and at the increasing humanitarian "
	  "impact of such attacks on civilian populations worldwide, in "
	  "particular through the perpetration of terrorist acts, and noting "
	  "the need for a comprehensive approach in addressing this concern," },
	{ 0,
	  "Expressing concern at the serious harm that such improvised "
	  "explosive device attacks have caused to United Nations staff and "
	  "peacekeepers, and to humanitarian workers, by threatening their "
	  "lives, increasing the cost of their activities, limiting their "
	  "freedom of movement and affecting their ability to effectively "
	  "deliver on their mandates," },
	{ 0,
	  "Expressing concern also about the negative impact of these attacks "
	  "on socioeconomic development, infrastructure and freedom of "
	  "movement, the enjoyment of human rights and fundamental freedoms "
	  "and the security and stability of States, and thus underlining the "
	  "need to address this issue in order to achieve relevant goals and "
	  "targets under the 2030 Agenda for Sustainable Development, in "
	  "particular target 16.1 on significantly reducing all forms of "
	  "violence and related death rates everywhere," },
	{ 0,
	  "Recognizing the importance of full involvement and equal "
	  "opportunities for participation for both women and men in "
	  "countering the threat posed by improvised explosive devices," },
	{ 0,
	  "Underlining the importance of addressing the threat of improvised "
	  "explosive devices and their differential impacts on women, girls, "
	  "boys and men," },
	{ 0,
	  "Noting that the impact of improvised explosive devices spans a wide "
	  "array of policy areas and that, owing to the extent of the "
	  "cross-cutting nature of the issue, a whole-of-government approach "
	  "is essential," },
	{ 0,
	  "Noting also the contribution of good governance, the promotion of "
	  "human rights, the rule of law, adherence to the principles of the "
	  "Charter of the United Nations and sustained and inclusive "
	  "socioeconomic growth as important elements in comprehensively "
	  "addressing the issue of improvised explosive devices, in particular "
	  "in post-conflict situations," },
	{ 0,
	  "Recognizing that the wide spectrum of materials that can be used "
	  "for the manufacture of improvised explosive devices, including "
	  "those sourced from the military and civilian industry, contributes "
	  "to their diverse nature and their deployment methods, which thus "
	  "requires an appropriate approach to the formulation of measures to "
	  "counter them," },
	{ 0,
	  "Stressing the importance of effectively securing conventional "
	  "ammunition stockpiles in order to mitigate the risk of their "
	  "diversion to illicit use, inter alia, as materials for improvised "
	  "explosive devices, and noting the voluntary, practical "
	  "International Ammunition Technical Guidelines in this regard," },
	{ 0,
	  "Underlining the important role that States can play in raising "
	  "awareness among private sector and other entities about the "
	  "possible theft, diversion and misuse of their products to "
	  "manufacture improvised explosive devices, with a view to enabling "
	  "those entities to develop effective measures to contribute to "
	  "countering the threat of improvised explosive devices, including to "
	  "prevent the adverse impact of the diversion of materials and the "
	  "potential loss of revenue and risk to reputation, either in a "
	  "partnership with governmental authorities, or through "
	  "business-to-business processes or activities," },
	{ 0,
	  "Noting existing industry-led initiatives that seek to increase "
	  "industry oversight and accountability along the supply chain for "
	  "precursor components, and encouraging States to engage, as "
	  "appropriate, with private sector industry actors in supporting such "
	  "initiatives," },
	{ 0,
	  "Stressing the paramount need to prevent illegal armed groups, "
	  "terrorists and other unauthorized recipients from handling, "
	  "financing, storing, using or seeking access to all types of "
	  "explosives, whether military or civilian, as well as other military "
	  "or civilian materials and components that can be used to "
	  "manufacture improvised explosive devices, including detonators, "
	  "detonating cords and chemical components, and to identify the "
	  "networks that support them in their procurement, while at the same "
	  "time avoiding any undue restrictions on the legitimate use of those "
	  "materials," },
	{ 0,
	  "Urging Member States to ensure that any measures taken or means "
	  "employed to implement the present resolution comply with "
	  "international law, in particular the Charter of the United Nations, "
	  "applicable international humanitarian law and human rights law," },
	{ 0,
	  "Recognizing the value and complementarity of existing approaches in "
	  "multilateral disarmament and arms regulation, security and "
	  "counter-terrorism, while noting that these do not fully and "
	  "comprehensively address the use of improvised explosive devices, "
	  "and therefore stressing the importance of international cooperation "
	  "among Member States in a comprehensive and coordinated approach to "
	  "counter the global threat posed by improvised explosive devices in "
	  "the hands of illegal armed groups, terrorists and other "
	  "unauthorized recipients, taking into account disparities in "
	  "national capacities," },
	{ 0,
	  "Recalling relevant resolutions on the prevention of the acquisition "
	  "of weapons by terrorists, including improvised explosive device "
	  "components, and their transfer to and between terrorists, "
	  "associated groups and other illegal armed groups and criminals," },
	{ 0,
	  "Recalling also relevant resolutions on improvised explosive device "
	  "threat mitigation, including those addressing the indiscriminate "
	  "use of improvised explosive devices and the impact on civilian "
	  "populations, peacekeeping operations, special political missions "
	  "and humanitarian responses," },
	{ 0,
	  "Taking note of the adoption of the Global Framework for "
	  "Through-life Conventional Ammunition Management, which is a "
	  "cooperative framework that is voluntary and contains a set of "
	  "political commitments for strengthening and promoting existing "
	  "initiatives on, and addressing existing gaps in, through-life "
	  "conventional ammunition management, and noting that it contains a "
	  "number of provisions specifically aimed at countering the threat "
	  "posed by improvised explosive devices," },
	{ 0,
	  "Noting the ongoing work on the issue of improvised explosive "
	  "devices by the informal group of experts under the amended version "
	  "of the Protocol on Prohibitions or Restrictions on the Use of "
	  "Mines, Booby Traps and Other Devices (Protocol II) and the "
	  "Declaration on Improvised Explosive Devices, as well as on the "
	  "technical annex to the Protocol on Explosive Remnants of War "
	  "(Protocol V) to the Convention on Prohibitions or Restrictions on "
	  "the Use of Certain Conventional Weapons Which May Be Deemed to Be "
	  "Excessively Injurious or to Have Indiscriminate Effects," },
	{ 0,
	  "Noting also that, for States parties thereto, anti-personnel mines "
	  "of an improvised nature also fall within the scope of the "
	  "Convention on the Prohibition of the Use, Stockpiling, Production "
	  "and Transfer of Anti-Personnel Mines and on Their Destruction and "
	  "that States parties thereto take note of the recommendations "
	  "contained in the report entitled \"Anti-personnel mine of an "
	  "improvised nature and the Anti-Personnel Mine Ban Convention\", "
	  "submitted by the President of the Twenty-first Meeting of the "
	  "States Parties to the Convention, and, welcoming the presidency of "
	  "Cambodia of the fifth Review Conference of the Convention," },
	{ 0,
	  "Recalling the International Convention for the Suppression of "
	  "Terrorist Bombings and the United Nations Global Counter-Terrorism "
	  "Strategy and the efforts undertaken to strengthen the capability of "
	  "the United Nations system to assist Member States in implementing "
	  "the Strategy, including through the work of the Office of "
	  "Counter-Terrorism," },
	{ 0,
	  "Reaffirming the inherent right of Member States to individual or "
	  "collective selfdefence in accordance with Article 51 of the Charter "
	  "of the United Nations," },
	{ 0,
	  "Taking note of the recommendation of the Secretary-General in the "
	  "New Agenda for Peace that Member States stop the use by terrorist "
	  "and other illegal armed groups of improvised explosive devices," },
	{ 0,
	  "Recalling the update to the International Mine Action Standards "
	  "with regard to improvised explosive devices, which serve as the "
	  "guiding framework for humanitarian mine action operations, and the "
	  "completion of the United Nations Improvised Explosive Device "
	  "Disposal Standards, applicable where the context or mandate is not "
	  "humanitarian," },
	{ 0,
	  "Noting that, at the global level, organizations across many sectors "
	  "have expertise that can contribute to a useful set of measures for "
	  "the mitigation of improvised explosive devices, and noting also the "
	  "value of considered and coordinated efforts by various "
	  "stakeholders, including intergovernmental and regional "
	  "organizations and industry associations, with a view to investing "
	  "effectively in coordination and information exchange," },
	{ 0,
	  "Noting also the multilateral efforts to counter improvised "
	  "explosive devices of the programme Global Shield, led by the World "
	  "Customs Organization and assisted by the International Criminal "
	  "Police Organization (INTERPOL) and the United Nations Office on "
	  "Drugs and Crime, to prevent the smuggling and illicit diversion of "
	  "precursor chemicals that could be used to build improvised "
	  "explosive devices, the work of the Counter-Terrorism Committee "
	  "Executive Directorate, the Office of Counter Terrorism and the "
	  "United Nations Office on Drugs and Crime related to the prevention "
	  "of the acquisition of weapons by terrorists, the efforts of the "
	  "Working Group on Border Management and Law Enforcement related to "
	  "Counter-Terrorism of the United Nations Global Counter-Terrorism "
	  "Coordination Compact to promote Security Council resolution 2370 "
	  "(2017) on preventing terrorists from acquiring weapons, the network "
	  "of regional and multilateral communities of action established by "
	  "States to counter improvised explosive devices, the research to "
	  "counter the proliferation and use of those devices undertaken by "
	  "the United Nations Institute for Disarmament Research, and the work "
	  "undertaken by the Mine Action Service of the United Nations to "
	  "mitigate the threat posed by those devices to civilians, United "
	  "Nations staff, peacekeepers and humanitarian personnel, in "
	  "particular in the field, as well as the implementation of the "
	  "updated Strategy of the United Nations on Mine Action by the United "
	  "Nations system," },
	{ 0,
	  "Taking note of the report of the Secretary-General submitted "
	  "pursuant to resolution 77/64, including the recommendations "
	  "contained therein," },
	{ 1,
	  "Strongly urges States to develop and implement, where appropriate, "
	  "all national measures, including outreach and partnerships with "
	  "relevant actors, including the private sector, necessary to promote "
	  "awareness, vigilance and good practices among their nationals, "
	  "persons subject to their jurisdiction and firms incorporated in "
	  "their territory or subject to their jurisdiction that are involved "
	  "in the production, sale, supply, purchase, transfer and/or storage "
	  "of precursor components and materials that could be used to make "
	  "improvised explosive devices;" },
	{ 1,
	  "Strongly encourages States, where appropriate, to develop, adopt "
	  "and effectively implement their own national policy to counter "
	  "improvised explosive devices that includes cooperation among "
	  "civilian, military and law enforcement agencies to strengthen their "
	  "countermeasure capability, to prevent their territory from being "
	  "used for terrorist purposes and to combat illegal armed groups, "
	  "terrorists and other unauthorized recipients in their use of "
	  "improvised explosive devices, while bearing in mind their "
	  "obligations under applicable international law, and notes that the "
	  "policy could include measures to support international and regional "
	  "efforts to prevent, protect against, respond to, recover from and "
	  "mitigate attacks using improvised explosive devices and their "
	  "widespread consequences;" },
	{ 1,
	  "Stresses the need for States to take appropriate measures, inter "
	  "alia, relevant measures, including those contained in the Global "
	  "Framework for Throughlife Conventional Ammunition Management, to "
	  "strengthen the through-life management of conventional ammunition "
	  "to prevent the diversion of materials for making improvised "
	  "explosive devices to illicit markets, illegal armed groups, "
	  "terrorists and other unauthorized recipients, and encourages the "
	  "application of the International Ammunition Technical Guidelines "
	  "for the safer and more secure management of ammunition stockpiles;" },
	{ 1,
	  "Underlines that, for the issue of improvised explosive devices to "
	  "be effectively addressed, it is essential to comprehend the "
	  "importance of action needed at the local and community levels, "
	  "engaging with community leaders and relevant civil society "
	  "organizations through activities ranging from awareness-raising of "
	  "the threat posed by such devices and of possible threat mitigation "
	  "measures, in conjunction with distributors and local retailers, and "
	  "intelligence-gathering, to establishing deradicalization "
	  "programmes, and the need for Governments to engage continuously "
	  "with local authorities and groups, and encourages States in a "
	  "position to do so to support initiatives and efforts to that end;" },
	{ 1,
	  "Encourages international and regional cooperation among States, "
	  "including the sharing of information on good practices, as "
	  "appropriate and where relevant, in cooperation with relevant United "
	  "Nations entities, the International Criminal Police Organization "
	  "(INTERPOL), the World Customs Organization and the private sector, "
	  "in order to address the theft, trafficking, diversion, loss and "
	  "illicit use of materials for making improvised explosive devices, "
	  "while ensuring the security of sensitive information that is shared;" },
	{ 1,
	  "Encourages States, where relevant, to develop and implement "
	  "regional and subregional strategies to address region-specific "
	  "challenges related to the threat posed by improvised explosive "
	  "devices;" },
	{ 1,
	  "Encourages States and relevant international and regional "
	  "organizations to engage, as appropriate, with private sector "
	  "entities in discussions and initiatives on countering improvised "
	  "explosive devices, including on issues such as accountability "
	  "throughout the supply chain for dual-use components, traceability "
	  "procedures, improving the regulation of explosive precursors, where "
	  "possible and as appropriate, strengthening security for the "
	  "transport and storage of explosives and of precursors, as well as "
	  "enhancing the vetting procedures for personnel with access to "
	  "explosives or to precursors useful to the manufacture of "
	  "explosives, while avoiding undue restrictions on the legitimate use "
	  "of and access to such materials;" },
	{ 1,
	  "Strongly encourages States to share information, on a voluntary "
	  "basis, on the diversion of commercial-grade explosives and "
	  "commercially available detonators to the illicit trade and transfer "
	  "to illegal armed groups, terrorists and other unauthorized "
	  "recipients, through relevant channels, including the INTERPOL "
	  "Project Watchmaker, Chemical Anti-Smuggling Enforcement and "
	  "Chemical Risk Identification and Mitigation projects and the "
	  "Programme Global Shield of the World Customs Organization;" },
	{ 1,
	  "Encourages States and the private sector to increase prevention "
	  "efforts by taking measures to stem the transfer of knowledge of "
	  "improvised explosive devices and their manufacture and use by "
	  "illegal armed groups, terrorists and other unauthorized recipients, "
	  "as well as measures, such as awareness-raising, support for "
	  "research and data collection, to stem the illicit acquisition of "
	  "components and chemicals over the Internet and through the use of "
	  "the \"dark web\";" },
	{ 1,
	  "Encourages States and relevant international and regional "
	  "organizations and non-governmental organizations, including "
	  "international industry associations, to continue to build upon "
	  "existing awareness, prevention and risk education campaigns "
	  "regarding the urgent threat of improvised explosive devices and to "
	  "disseminate threat mitigation measures;" },
	{ 1,
	  "Encourages States to enhance information-sharing and international "
	  "cooperation and assistance, and to strengthen national capacities "
	  "of the High Contracting Parties to the amended version of the "
	  "Protocol on Prohibitions or Restrictions on the Use of Mines, Booby "
	  "Traps and Other Devices (Protocol II) in mitigating the problem of "
	  "improvised explosive devices, including by the sharing of national "
	  "measures to identify effective practices for countering the threat "
	  "posed by such devices through the use of the updated one-time "
	  "voluntary questionnaire and the maintenance of a network of "
	  "national points of contact;" },
	{ 1,
	  "Recognizes the importance of capability development and "
	  "capacitybuilding, through both technical and financial assistance, "
	  "to countering the threat posed by improvised explosive devices, as "
	  "well as the contributions made by various United Nations entities "
	  "to that end;" },
	{ 1,
	  "Urges all States, in particular those that have the capacity to do "
	  "so, as well as the United Nations system and other relevant "
	  "organizations and institutions supporting affected States, to "
	  "increase attention to prevention and capacity-building and to "
	  "provide support to reduce the risks posed by improvised explosive "
	  "devices in a manner that takes into consideration the different "
	  "needs of women, girls, boys and men;" },
	{ 1,
	  "Encourages States, the United Nations and international, regional "
	  "and other organizations with relevant expertise that are in a "
	  "position to do so to render to interested States, upon their "
	  "request, technical, financial and material assistance aimed at "
	  "strengthening the capacity of such States to counter the threat of "
	  "improvised explosive devices, including through assistance for the "
	  "development of good practices for the protection of civilians from "
	  "attacks using such devices and for the application of international "
	  "standards to ensure the safety of personnel involved in the "
	  "disposal of improvised explosive devices, and to provide "
	  "appropriate assistance to the victims of such attacks;" },
	{ 1,
	  "Encourages States to respond to the needs of today's peacekeepers "
	  "to operate in new threat environments involving improvised "
	  "explosive devices, including by providing, in consultation and "
	  "cooperation with the Department of Peace Operations of the "
	  "Secretariat, the appropriate training, capabilities, information "
	  "and knowledge management and technology required to counter "
	  "improvised explosive devices, and to ensure that adequate financial "
	  "resources are allocated to meet such needs, and encourages the full "
	  "implementation of the counter-improvised explosive devices for "
	  "peacekeeping operations strategy and the Guidelines on Improvised "
	  "Explosive Device Threat Mitigation in Mission Settings in all "
	  "peacekeeping operations;" },
	{ 1,
	  "Encourages relevant United Nations entities and States to "
	  "accelerate the implementation of the recommendations contained in "
	  "the report of the independent strategic review on the responses of "
	  "United Nations peacekeeping operations to improvised explosive "
	  "devices, with a view to mitigating the threat of improvised "
	  "explosive devices in United Nations mission areas;" },
	{ 1,
	  "Urges Member States to comply fully with all relevant United "
	  "Nations resolutions, including those related to preventing "
	  "terrorist groups from using and accessing materials that can be "
	  "used in the making of improvised explosive devices, and encourages "
	  "the use of the relevant technical guidelines to support the "
	  "implementation of Security Council resolution 2370 (2017) on "
	  "preventing terrorists from acquiring weapons;" },
	{ 1,
	  "Encourages States to consider the implementation of the relevant "
	  "aspects of the non-binding guiding principles on threats posed by "
	  "the use of unmanned aircraft systems for terrorist purposes, known "
	  "as the \"Abu Dhabi Guiding Principles\", adopted by the Security "
	  "Council Committee established pursuant to resolution 1373 (2001) "
	  "concerning counter-terrorism;" },
	{ 1,
	  "Encourages States to consider and address new trends in the "
	  "diversion of materials for the manufacture, manufacturing processes "
	  "and delivery of improvised explosive devices;" },
	{ 1,
	  "Encourages all relevant entities of the United Nations system to "
	  "continue to address the issue of improvised explosive devices, as "
	  "appropriate and in line with their respective mandates, and to "
	  "pursue a coherent whole-of-system approach to countering the threat "
	  "posed by improvised explosive devices, with a focus on enhancing "
	  "information-sharing and cross-sector cooperation, through the "
	  "interagency task force led by the Mine Action Service;" },
	{ 1,
	  "Urges States in a position to do so to sustain their support for "
	  "the United Nations whole-of-system approach, including through "
	  "contributing funding to the diverse areas of work needed to "
	  "effectively address the threat of improvised explosive devices, "
	  "including research, clearance, ammunition stockpile management, "
	  "preventing violent extremism as and when conducive to terrorism, "
	  "awareness-raising, capability development, capacity-building, "
	  "information management and victim assistance, through existing "
	  "trust funds and arrangements, including those of the Office of "
	  "Counter-Terrorism, the United Nations Office on Drugs and Crime, "
	  "the United Nations Institute for Disarmament Research and the "
	  "Office for Disarmament Affairs and the United Nations voluntary "
	  "trust fund for assistance in mine action, efforts undertaken under "
	  "relevant conventions or through regional or national programmes;" },
	{ 1,
	  "Requests the Office for Disarmament Affairs, in coordination with "
	  "other relevant entities, to maintain and regularly update the "
	  "online information hub that provides impartial, authoritative "
	  "information relevant to addressing the issue of improvised "
	  "explosive devices in a comprehensive manner, and encourages States "
	  "to utilize the hub to access existing initiatives, policies, "
	  "documents and tools relevant to countering the threat posed by "
	  "improvised explosive devices;" },
	{ 1,
	  "Encourages the use of the United Nations Policy on Victim "
	  "Assistance in Mine Action, which highlights the significance of "
	  "integrating survivor assistance efforts into broader international "
	  "and national frameworks, as well as the importance of sustained "
	  "services and support to survivors, including the survivors of "
	  "attacks involving improvised explosive devices;" },
	{ 1,
	  "Encourages the continued use by interested States of the "
	  "counterimprovised explosive device self-assessment tool developed "
	  "by the United Nations Institute for Disarmament Research to assess "
	  "priorities for the design, implementation and review of national "
	  "preventive and preparedness measures in countering the threat posed "
	  "by improvised explosive devices, encourages interested States, on a "
	  "voluntary basis, to report to the Institute on its use and on areas "
	  "for further development, and encourages States, on a voluntary "
	  "basis, to share information with the Institute, including details "
	  "of good practices, lessons learned and national experiences in "
	  "adopting measures to prevent and counter improvised explosive "
	  "devices, in order to strengthen the development of an online "
	  "compendium of effective national measures;" },
	{ 1,
	  "Encourages civil society to continue to contribute to addressing "
	  "the threat posed by improvised explosive devices, including in "
	  "clearance, research, awareness-raising, risk education, victim "
	  "assistance and preventing violent extremism as and when conducive "
	  "to terrorism, in particular at the local and community levels, "
	  "taking into account the primary responsibility of States for "
	  "countering the threat posed by improvised explosive devices;" },
	{ 1,
	  "Requests the Secretary-General to report to the General Assembly at "
	  "its eighty-first session on the implementation of the present "
	  "resolution, acknowledging and taking into account existing efforts, "
	  "both inside and outside the United Nations, and seeking the views "
	  "of Member States;" },
	{ 1,
	  "Encourages States to continue to hold open, informal consultations, "
	  "where appropriate, focusing on raising awareness, prevention, "
	  "mitigation and response, and coordination within the United Nations "
	  "system and beyond, with information provided by States, "
	  "international and regional organizations as well as experts from "
	  "non-governmental organizations, including relevant private sector "
	  "stakeholders, on efforts to prevent, counter and mitigate the "
	  "threat posed by improvised explosive devices, which could assist "
	  "the General Assembly in maintaining a comprehensive overview of "
	  "relevant global activities;" },
	{ 1,
	  "Decides to include in the provisional agenda of its eighty-first "
	  "session, under the item entitled \"General and complete "
	  "disarmament\", the sub-item entitled \"Countering the threat posed "
	  "by improvised explosive devices\"." },
};

#define NRES ARRAY_SIZE(res)
#define PP(k) ((size_t)(k) - 1)	/* PPk's index in res */
#define OP(k) ((size_t)(k) + 28)	/* OPk's index in res */

/*
 * Documents under test
 */

struct doc {
	char **text;	/* owned */
	int *section;
	size_t n, tcap, scap;
};

static void
doc_init(struct doc *d)
{
	memset(d, 0, sizeof(*d));
}

static void
doc_release(struct doc *d)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		free(d->text[i]);
	free(d->text);
	free(d->section);
	doc_init(d);
}

/* Takes ownership of text. */
static void
doc_insert(struct doc *d, size_t at, int section, char *text)
{
	GROW(d->text, d->tcap, d->n + 1);
	GROW(d->section, d->scap, d->n + 1);
	memmove(d->text + at + 1, d->text + at, (d->n - at) * sizeof(*d->text));
	memmove(d->section + at + 1, d->section + at, (d->n - at) * sizeof(*d->section));
	d->text[at] = text;
	d->section[at] = section;
	d->n++;
}

static void
doc_push(struct doc *d, int section, const char *text)
{
	doc_insert(d, d->n, section, xstrdup(text));
}

/* Removes clause at and hands its text to the caller. */
static char *
doc_take(struct doc *d, size_t at, int *section)
{
	char *t = d->text[at];

	*section = d->section[at];
	memmove(d->text + at, d->text + at + 1, (d->n - at - 1) * sizeof(*d->text));
	memmove(d->section + at, d->section + at + 1, (d->n - at - 1) * sizeof(*d->section));
	d->n--;
	return t;
}

static void
doc_replace(struct doc *d, size_t at, char *text)
{
	free(d->text[at]);
	d->text[at] = text;
}

static void
doc_res(struct doc *d, const size_t *idx, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		doc_push(d, res[idx[i]].section, res[idx[i]].text);
}

static void
doc_copy(struct doc *dst, const struct doc *src)
{
	size_t i;

	doc_init(dst);
	for (i = 0; i < src->n; i++)
		doc_push(dst, src->section[i], src->text[i]);
}

static void
doc_align(const struct doc *a, const struct doc *b, unsigned flags,
	  struct alignment *al)
{
	struct align_item *va = xmalloc((a->n + 1) * sizeof(*va));
	struct align_item *vb = xmalloc((b->n + 1) * sizeof(*vb));
	size_t i;

	for (i = 0; i < a->n; i++)
		va[i] = (struct align_item){ a->text[i], strlen(a->text[i]), a->section[i] };
	for (i = 0; i < b->n; i++)
		vb[i] = (struct align_item){ b->text[i], strlen(b->text[i]), b->section[i] };
	align_clauses(va, a->n, vb, b->n, NULL, flags, al);
	free(va);
	free(vb);
}

/* Replace the first occurrence of from in s by to (the test's own edits). */
static char *
text_sub(const char *s, const char *from, const char *to)
{
	const char *at = strstr(s, from);
	size_t n = strlen(s) - strlen(from) + strlen(to) + 1;
	char *r;

	ck_assert_ptr_nonnull(at);
	r = xmalloc(n);
	memcpy(r, s, (size_t)(at - s));
	strcpy(r + (at - s), to);
	strcat(r, at + strlen(from));
	return r;
}

/*
 * Looking at an alignment
 */

static size_t
count_kind(const struct alignment *al, enum align_kind kind)
{
	size_t i, k = 0;

	for (i = 0; i < al->n; i++)
		k += al->v[i].kind == kind;
	return k;
}

static size_t
count_moved(const struct alignment *al)
{
	size_t i, k = 0;

	for (i = 0; i < al->n; i++)
		k += al->v[i].moved != 0;
	return k;
}

static int
pair_holds_old(const struct align_pair *p, size_t o)
{
	return (p->nold > 0 && p->old[0] == o) || (p->nold > 1 && p->old[1] == o);
}

static const struct align_pair *
pair_with_new(const struct alignment *al, size_t n)
{
	size_t i;

	for (i = 0; i < al->n; i++)
		if ((al->v[i].nnew > 0 && al->v[i].new_[0] == n) ||
		    (al->v[i].nnew > 1 && al->v[i].new_[1] == n))
			return &al->v[i];
	ck_abort_msg("new clause %zu is in no pair", n);
	return NULL;
}

static void
check_shape(const struct align_pair *p)
{
	static const size_t shape[][2] = {
		[AL_EQUAL] = { 1, 1 }, [AL_MODIFIED] = { 1, 1 },
		[AL_DELETED] = { 1, 0 }, [AL_INSERTED] = { 0, 1 },
		[AL_SPLIT] = { 1, 2 }, [AL_MERGED] = { 2, 1 },
	};

	ck_assert_uint_eq(p->nold, shape[p->kind][0]);
	ck_assert_uint_eq(p->nnew, shape[p->kind][1]);
	if (p->nold == 2)
		ck_assert_uint_lt(p->old[0], p->old[1]);
	if (p->nnew == 2)
		ck_assert_uint_lt(p->new_[0], p->new_[1]);
	ck_assert(p->similarity >= 0.0 && p->similarity <= 1.0);
	if (p->kind == AL_EQUAL)
		ck_assert(p->similarity == 1.0);
	if (p->kind == AL_DELETED || p->kind == AL_INSERTED)
		ck_assert(!p->moved && p->similarity == 0.0);
}

/*
 * A deleted clause follows, past other deleted clauses only, the pair that
 * holds its nearest surviving OLD predecessor; with none it is at the top.
 */
static void
check_deleted_places(const struct alignment *al, size_t nold)
{
	unsigned char *del = xcalloc(nold + 1, 1);
	size_t i, j, o, pred;

	for (i = 0; i < al->n; i++)
		if (al->v[i].kind == AL_DELETED)
			del[al->v[i].old[0]] = 1;
	for (i = 0; i < al->n; i++) {
		if (al->v[i].kind != AL_DELETED)
			continue;
		o = al->v[i].old[0];
		for (pred = o; pred > 0 && del[pred - 1]; pred--)
			;
		for (j = i; j > 0 && al->v[j - 1].kind == AL_DELETED; j--)
			;
		if (pred == 0)
			ck_assert_msg(j == 0, "deleted %zu, nothing before it, not first", o);
		else
			ck_assert_msg(j > 0 && pair_holds_old(&al->v[j - 1], pred - 1),
				      "deleted %zu is not after the pair of old %zu", o, pred - 1);
	}
	free(del);
}

/* Every clause of both sides exactly once, NEW's order, deletions in place. */
static void
check_cover(const struct alignment *al, size_t nold, size_t nnew)
{
	unsigned char *so = xcalloc(nold + 1, 1), *sn = xcalloc(nnew + 1, 1);
	size_t i, k, last = 0;
	int have = 0;

	for (i = 0; i < al->n; i++) {
		const struct align_pair *p = &al->v[i];

		check_shape(p);
		for (k = 0; k < p->nold; k++) {
			ck_assert_uint_lt(p->old[k], nold);
			ck_assert_msg(!so[p->old[k]], "old %zu twice", p->old[k]);
			so[p->old[k]] = 1;
		}
		for (k = 0; k < p->nnew; k++) {
			ck_assert_uint_lt(p->new_[k], nnew);
			ck_assert_msg(!sn[p->new_[k]], "new %zu twice", p->new_[k]);
			sn[p->new_[k]] = 1;
		}
		if (p->nnew) {
			ck_assert_msg(!have || p->new_[0] > last, "new %zu out of order", p->new_[0]);
			last = p->new_[0];
			have = 1;
		}
	}
	for (i = 0; i < nold; i++)
		ck_assert_msg(so[i], "old %zu missing", i);
	for (i = 0; i < nnew; i++)
		ck_assert_msg(sn[i], "new %zu missing", i);
	check_deleted_places(al, nold);
	free(so);
	free(sn);
}

static void
check_all_equal_in_place(const struct alignment *al, size_t n)
{
	size_t i;

	ck_assert_uint_eq(al->n, n);
	for (i = 0; i < n; i++) {
		ck_assert_int_eq(al->v[i].kind, AL_EQUAL);
		ck_assert_uint_eq(al->v[i].old[0], i);
		ck_assert_uint_eq(al->v[i].new_[0], i);
		ck_assert_int_eq(al->v[i].moved, 0);
	}
}

/* The ten clauses most tests start from: PP1-PP5, OP1-OP5. */
static void
doc_ten(struct doc *d)
{
	static const size_t idx[] = { PP(1), PP(2), PP(3), PP(4), PP(5),
				      OP(1), OP(2), OP(3), OP(4), OP(5) };

	doc_init(d);
	doc_res(d, idx, ARRAY_SIZE(idx));
}

/*
 * Crafted cases
 */

START_TEST(test_identical_all_equal)
{
	struct doc a;
	struct alignment al;

	doc_ten(&a);
	alignment_init(&al);
	doc_align(&a, &a, 0, &al);
	check_all_equal_in_place(&al, a.n);
	alignment_release(&al);
	doc_release(&a);
}
END_TEST

START_TEST(test_one_inserted)
{
	struct doc a, b;
	struct alignment al;
	size_t i;

	doc_ten(&a);
	doc_copy(&b, &a);
	doc_insert(&b, 6, 1, xstrdup(res[OP(19)].text));
	alignment_init(&al);
	doc_align(&a, &b, 0, &al);
	check_cover(&al, a.n, b.n);
	ck_assert_uint_eq(al.n, 11);
	ck_assert_int_eq(al.v[6].kind, AL_INSERTED);
	ck_assert_uint_eq(al.v[6].new_[0], 6);
	for (i = 0; i < al.n; i++) {
		if (i == 6)
			continue;
		ck_assert_int_eq(al.v[i].kind, AL_EQUAL);
		ck_assert_int_eq(al.v[i].moved, 0);
		ck_assert_uint_eq(al.v[i].old[0], i < 6 ? i : i - 1);
	}
	alignment_release(&al);
	doc_release(&a);
	doc_release(&b);
}
END_TEST

static void
check_one_deleted(size_t gone)
{
	struct doc a, b;
	struct alignment al;
	int section;
	size_t i;

	doc_ten(&a);
	doc_copy(&b, &a);
	free(doc_take(&b, gone, &section));
	alignment_init(&al);
	doc_align(&a, &b, 0, &al);
	check_cover(&al, a.n, b.n);
	ck_assert_uint_eq(al.n, 10);
	ck_assert_uint_eq(count_kind(&al, AL_EQUAL), 9);
	ck_assert_uint_eq(count_moved(&al), 0);
	/* right after the pair of its OLD predecessor, so at its own OLD index */
	ck_assert_int_eq(al.v[gone].kind, AL_DELETED);
	ck_assert_uint_eq(al.v[gone].old[0], gone);
	for (i = 0; i < al.n; i++)
		if (i != gone)
			ck_assert_uint_eq(al.v[i].old[0], i);
	alignment_release(&al);
	doc_release(&a);
	doc_release(&b);
}

START_TEST(test_one_deleted_in_middle)
{
	check_one_deleted(3);
}
END_TEST

START_TEST(test_one_deleted_first_and_last)
{
	check_one_deleted(0);
	check_one_deleted(9);
}
END_TEST

START_TEST(test_modified_words)
{
	struct doc a, b;
	struct alignment al;
	const struct align_pair *p;

	doc_ten(&a);
	doc_copy(&b, &a);
	doc_replace(&b, 6, text_sub(a.text[6], "Strongly encourages States, where appropriate, "
				    "to develop, adopt and effectively implement",
				    "Urges States to develop and implement"));
	alignment_init(&al);
	doc_align(&a, &b, 0, &al);
	check_cover(&al, a.n, b.n);
	ck_assert_uint_eq(al.n, 10);
	p = pair_with_new(&al, 6);
	ck_assert_int_eq(p->kind, AL_MODIFIED);
	ck_assert_uint_eq(p->old[0], 6);
	ck_assert_int_eq(p->moved, 0);
	ck_assert(p->similarity > 0.8 && p->similarity < 1.0);
	ck_assert_uint_eq(count_kind(&al, AL_EQUAL), 9);
	ck_assert_uint_eq(count_moved(&al), 0);
	alignment_release(&al);
	doc_release(&a);
	doc_release(&b);
}
END_TEST

/* Clause 2 taken out and put back as clause 8, edited or not. */
static void
check_move(int edit)
{
	struct doc a, b;
	struct alignment al;
	const struct align_pair *p;
	int section;
	char *t;
	size_t i;

	doc_ten(&a);
	doc_copy(&b, &a);
	t = doc_take(&b, 2, &section);
	if (edit) {
		char *e = text_sub(t, "the increased use of and sophistication",
				   "the increasing use and growing sophistication");

		free(t);
		t = e;
	}
	doc_insert(&b, 8, section, t);
	alignment_init(&al);
	doc_align(&a, &b, 0, &al);
	check_cover(&al, a.n, b.n);
	ck_assert_uint_eq(al.n, 10);
	ck_assert_uint_eq(count_moved(&al), 1);
	p = pair_with_new(&al, 8);
	ck_assert_int_eq(p->kind, edit ? AL_MODIFIED : AL_EQUAL);
	ck_assert_uint_eq(p->old[0], 2);
	ck_assert_int_eq(p->moved, 1);
	ck_assert(&al.v[8] == p);
	for (i = 0; i < al.n; i++)
		if (&al.v[i] != p)
			ck_assert(al.v[i].kind == AL_EQUAL && !al.v[i].moved);
	alignment_release(&al);
	doc_release(&a);
	doc_release(&b);
}

START_TEST(test_exact_move)
{
	check_move(0);
}
END_TEST

START_TEST(test_move_and_edit)
{
	check_move(1);
}
END_TEST

/* OP17 of 79/53 cut at ", and encourages" into two paragraphs. */
static void
doc_split_pair(struct doc *whole, struct doc *parts)
{
	static const size_t idx[] = { PP(28), PP(29), OP(16), OP(17), OP(18) };
	const char *op17 = res[OP(17)].text;
	const char *cut = strstr(op17, ", and encourages the use");
	char *first;

	ck_assert_ptr_nonnull(cut);
	doc_init(whole);
	doc_res(whole, idx, ARRAY_SIZE(idx));
	doc_copy(parts, whole);
	first = xmalloc((size_t)(cut - op17) + 2);
	memcpy(first, op17, (size_t)(cut - op17));
	strcpy(first + (cut - op17), ";");
	doc_replace(parts, 3, first);
	doc_insert(parts, 4, 1, text_sub(cut, ", and encourages the use", "Encourages the use"));
}

START_TEST(test_split)
{
	struct doc a, b;
	struct alignment al;
	const struct align_pair *p;

	doc_split_pair(&a, &b);
	alignment_init(&al);
	doc_align(&a, &b, 0, &al);
	check_cover(&al, a.n, b.n);
	ck_assert_uint_eq(al.n, 5);
	ck_assert_uint_eq(count_kind(&al, AL_SPLIT), 1);
	ck_assert_uint_eq(count_kind(&al, AL_EQUAL), 4);
	p = &al.v[3];
	ck_assert_int_eq(p->kind, AL_SPLIT);
	ck_assert_uint_eq(p->old[0], 3);
	ck_assert_uint_eq(p->new_[0], 3);
	ck_assert_uint_eq(p->new_[1], 4);
	ck_assert_int_eq(p->moved, 0);
	ck_assert(p->similarity > 0.9);
	alignment_release(&al);
	doc_release(&a);
	doc_release(&b);
}
END_TEST

START_TEST(test_merge)
{
	struct doc a, b;
	struct alignment al;
	const struct align_pair *p;

	doc_split_pair(&b, &a);
	alignment_init(&al);
	doc_align(&a, &b, 0, &al);
	check_cover(&al, a.n, b.n);
	ck_assert_uint_eq(al.n, 5);
	ck_assert_uint_eq(count_kind(&al, AL_MERGED), 1);
	p = pair_with_new(&al, 3);
	ck_assert_int_eq(p->kind, AL_MERGED);
	ck_assert_uint_eq(p->old[0], 3);
	ck_assert_uint_eq(p->old[1], 4);
	ck_assert_uint_eq(al.v[4].old[0], 5);
	alignment_release(&al);
	doc_release(&a);
	doc_release(&b);
}
END_TEST

/* A small addition to a clause is a modification, not a split. */
START_TEST(test_small_addition_is_not_split)
{
	struct doc a, b;
	struct alignment al;

	doc_ten(&a);
	doc_copy(&b, &a);
	doc_insert(&b, 7, 1, xstrdup("Requests the Secretary-General to report on the implementation "
				     "of the present resolution;"));
	alignment_init(&al);
	doc_align(&a, &b, 0, &al);
	check_cover(&al, a.n, b.n);
	ck_assert_uint_eq(count_kind(&al, AL_SPLIT), 0);
	ck_assert_uint_eq(count_kind(&al, AL_INSERTED), 1);
	ck_assert_uint_eq(count_kind(&al, AL_EQUAL), 10);
	alignment_release(&al);
	doc_release(&a);
	doc_release(&b);
}
END_TEST

START_TEST(test_insert_at_top_renumbers_only)
{
	static const size_t idx[] = { OP(1), OP(2), OP(3), OP(4), OP(5), OP(6), OP(7), OP(8) };
	struct doc a, b;
	struct alignment al;
	size_t i;

	doc_init(&a);
	doc_res(&a, idx, ARRAY_SIZE(idx));
	doc_copy(&b, &a);
	doc_insert(&b, 0, 1, xstrdup(res[OP(26)].text));
	alignment_init(&al);
	doc_align(&a, &b, 0, &al);
	check_cover(&al, a.n, b.n);
	ck_assert_uint_eq(al.n, 9);
	ck_assert_int_eq(al.v[0].kind, AL_INSERTED);
	for (i = 1; i < al.n; i++) {
		ck_assert_int_eq(al.v[i].kind, AL_EQUAL);
		ck_assert_int_eq(al.v[i].moved, 0);
		ck_assert_uint_eq(al.v[i].old[0], i - 1);
		ck_assert_uint_eq(al.v[i].new_[0], i);
	}
	alignment_release(&al);
	doc_release(&a);
	doc_release(&b);
}
END_TEST

static const char recalling[] =
	"Recalling its resolution 77/64 of 7 December 2022 entitled "
	"\"Countering the threat posed by improvised explosive devices\",";
static const char recalls[] =
	"Recalls its resolution 77/64 of 7 December 2022 entitled "
	"\"Countering the threat posed by improvised explosive devices\";";

/* A preambular paragraph turned into the first operative one, in place. */
START_TEST(test_pp_to_op_in_place)
{
	static const size_t head[] = { PP(1), PP(2) }, tail[] = { OP(1), OP(2) };
	struct doc a, b;
	struct alignment al;
	const struct align_pair *p;

	doc_init(&a);
	doc_res(&a, head, 2);
	doc_push(&a, 0, recalling);
	doc_res(&a, tail, 2);
	doc_init(&b);
	doc_res(&b, head, 2);
	doc_push(&b, 1, recalls);
	doc_res(&b, tail, 2);
	alignment_init(&al);
	doc_align(&a, &b, 0, &al);
	check_cover(&al, a.n, b.n);
	p = pair_with_new(&al, 2);
	ck_assert_int_eq(p->kind, AL_MODIFIED);
	ck_assert_uint_eq(p->old[0], 2);
	ck_assert_int_eq(p->moved, 0);
	ck_assert(p->similarity == 1.0);
	ck_assert_uint_eq(count_kind(&al, AL_EQUAL), 4);
	alignment_release(&al);
	doc_release(&a);
	doc_release(&b);
}
END_TEST

/* The same conversion, moved from the top of the preamble into the operative part. */
START_TEST(test_pp_to_op_moved)
{
	static const size_t pps[] = { PP(2), PP(3) }, op1[] = { OP(1) }, ops[] = { OP(2), OP(3) };
	struct doc a, b;
	struct alignment al;
	const struct align_pair *p;

	doc_init(&a);
	doc_push(&a, 0, recalling);
	doc_res(&a, pps, 2);
	doc_res(&a, op1, 1);
	doc_res(&a, ops, 2);
	doc_init(&b);
	doc_res(&b, pps, 2);
	doc_res(&b, op1, 1);
	doc_push(&b, 1, recalls);
	doc_res(&b, ops, 2);
	alignment_init(&al);
	doc_align(&a, &b, 0, &al);
	check_cover(&al, a.n, b.n);
	ck_assert_uint_eq(al.n, 6);
	p = pair_with_new(&al, 3);
	ck_assert_int_eq(p->kind, AL_MODIFIED);
	ck_assert_uint_eq(p->old[0], 0);
	ck_assert_int_eq(p->moved, 1);
	ck_assert_uint_eq(count_kind(&al, AL_EQUAL), 5);
	ck_assert_uint_eq(count_moved(&al), 1);
	alignment_release(&al);
	doc_release(&a);
	doc_release(&b);
}
END_TEST

/* Typography-only differences: OLD as a PDF printed it, NEW as retyped. */
static void
doc_typography_pair(struct doc *a, struct doc *b)
{
	static const size_t idx[] = { PP(1), OP(12), OP(18), PP(23) };

	doc_init(a);
	doc_res(a, idx, ARRAY_SIZE(idx));
	doc_copy(b, a);
	doc_replace(b, 1, text_sub(a->text[1], "capacitybuilding", "capacity-building"));
	doc_replace(b, 2, text_sub(a->text[2], "\"Abu Dhabi Guiding Principles\"",
				   "\xe2\x80\x9c" "Abu Dhabi Guiding Principles" "\xe2\x80\x9d"));
	doc_replace(b, 3, text_sub(a->text[3], "Global Counter-Terrorism Strategy",
				   "Global Counter Terrorism Strategy"));
}

START_TEST(test_typography_needs_flag)
{
	struct doc a, b;
	struct alignment al;
	size_t i;

	doc_typography_pair(&a, &b);
	alignment_init(&al);
	doc_align(&a, &b, 0, &al);
	check_cover(&al, a.n, b.n);
	ck_assert_uint_eq(al.n, 4);
	ck_assert_int_eq(al.v[0].kind, AL_EQUAL);
	for (i = 1; i < 4; i++) {
		ck_assert_int_eq(al.v[i].kind, AL_MODIFIED);
		ck_assert_uint_eq(al.v[i].old[0], i);
		ck_assert_int_eq(al.v[i].moved, 0);
	}
	doc_align(&a, &b, IGNORE_TYPOGRAPHY, &al);
	check_all_equal_in_place(&al, 4);
	alignment_release(&al);
	doc_release(&a);
	doc_release(&b);
}
END_TEST

/* Case and spacing are part of the key normalisation, flag or not. */
START_TEST(test_case_and_spacing_are_equal)
{
	struct doc a, b;
	struct alignment al;

	doc_ten(&a);
	doc_copy(&b, &a);
	doc_replace(&b, 4, text_sub(a.text[4], "Expressing concern at the serious harm",
				    "Expressing  concern\tat the Serious Harm"));
	alignment_init(&al);
	doc_align(&a, &b, 0, &al);
	check_all_equal_in_place(&al, 10);
	alignment_release(&al);
	doc_release(&a);
	doc_release(&b);
}
END_TEST

/* One copy of a repeated clause dropped: the other copy stays in place. */
START_TEST(test_repeated_clause)
{
	struct doc a, b;
	struct alignment al;
	static const size_t idx[] = { PP(6), OP(6), PP(6), OP(19) };
	static const size_t idx2[] = { OP(6), PP(6), OP(19) };

	doc_init(&a);
	doc_res(&a, idx, ARRAY_SIZE(idx));
	doc_init(&b);
	doc_res(&b, idx2, ARRAY_SIZE(idx2));
	alignment_init(&al);
	doc_align(&a, &b, 0, &al);
	check_cover(&al, a.n, b.n);
	ck_assert_uint_eq(count_moved(&al), 0);
	ck_assert_int_eq(al.v[0].kind, AL_DELETED);
	ck_assert_uint_eq(al.v[0].old[0], 0);
	ck_assert_uint_eq(count_kind(&al, AL_EQUAL), 3);
	alignment_release(&al);
	doc_release(&a);
	doc_release(&b);
}
END_TEST

START_TEST(test_empty_sides)
{
	struct doc a, e;
	struct alignment al;
	size_t i;

	doc_ten(&a);
	doc_init(&e);
	alignment_init(&al);
	align_clauses(NULL, 0, NULL, 0, NULL, 0, &al);
	ck_assert_uint_eq(al.n, 0);
	doc_align(&a, &e, 0, &al);
	check_cover(&al, a.n, 0);
	for (i = 0; i < al.n; i++)
		ck_assert(al.v[i].kind == AL_DELETED && al.v[i].old[0] == i);
	doc_align(&e, &a, 0, &al);
	check_cover(&al, 0, a.n);
	ck_assert_uint_eq(count_kind(&al, AL_INSERTED), 10);
	alignment_release(&al);
	doc_release(&a);
}
END_TEST

static double
sim_str(const char *a, const char *b)
{
	double ab = align_similarity(a, strlen(a), b, strlen(b), NULL);

	ck_assert(ab == align_similarity(b, strlen(b), a, strlen(a), NULL));
	return ab;
}

START_TEST(test_similarity)
{
	ck_assert(sim_str(recalling, recalls) == 1.0);
	ck_assert(sim_str("Noting with concern the report of the Secretary-General",
			  "Notes with concern the report of the Secretary-General") == 1.0);
	ck_assert(sim_str("Urging Member States to comply fully with all relevant resolutions",
			  "Urges Member States to comply fully with all relevant resolutions") == 1.0);
	ck_assert(sim_str("Recalling also relevant resolutions",
			  "Also recalls relevant resolutions") == 1.0);
	ck_assert(sim_str(res[OP(6)].text, res[OP(6)].text) == 1.0);
	ck_assert(sim_str(res[OP(6)].text, res[PP(23)].text) < 0.3);
	ck_assert(sim_str(res[OP(19)].text, res[OP(6)].text) < 0.5);
	ck_assert(sim_str("", "") == 1.0);
	ck_assert(sim_str("", res[OP(6)].text) == 0.0);
	/* function words alone still compare */
	ck_assert(sim_str("as it is", "as it is") == 1.0);
}
END_TEST

/*
 * Property tests
 */

struct rng {
	uint64_t s;
};

/* splitmix64: tiny, seeded, and the same on every platform. */
static uint64_t
rng_next(struct rng *r)
{
	uint64_t z = (r->s += 0x9E3779B97F4A7C15ULL);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

static size_t
rng_below(struct rng *r, size_t n)
{
	return n ? (size_t)(rng_next(r) % n) : 0;
}

static const char *const vocab[] = {
	"urgently", "regional", "voluntary", "sustainable", "national",
	"effective", "further", "transparent", "civilian", "enhanced",
	"multilateral", "comprehensive", "preventive", "coordinated",
};

#define WORDS_MAX 2048	/* longer than any clause, merged or not */

/* Words of s as [start, end) offsets split at spaces. */
static size_t
text_words(const char *s, size_t *start, size_t *end, size_t max)
{
	size_t n = 0, i = 0, len = strlen(s);

	while (i < len && n < max) {
		while (i < len && s[i] == ' ')
			i++;
		if (i >= len)
			break;
		start[n] = i;
		while (i < len && s[i] != ' ')
			i++;
		end[n++] = i;
	}
	return n;
}

static char *
text_join(const char *s, const size_t *start, const size_t *end, size_t from, size_t to)
{
	size_t i, len = 0;
	char *r, *p;

	for (i = from; i < to; i++)
		len += end[i] - start[i] + 1;
	p = r = xmalloc(len + 1);
	for (i = from; i < to; i++) {
		if (i > from)
			*p++ = ' ';
		memcpy(p, s + start[i], end[i] - start[i]);
		p += end[i] - start[i];
	}
	*p = '\0';
	return r;
}

/* One to three word-level edits: replace, drop or add a word. */
static char *
text_modify(struct rng *r, const char *s)
{
	size_t start[WORDS_MAX], end[WORDS_MAX], n = text_words(s, start, end, WORDS_MAX), k, at;
	char *cur = xstrdup(s), *next;

	for (k = 1 + rng_below(r, 3); k > 0 && n > 2; k--) {
		const char *w = vocab[rng_below(r, ARRAY_SIZE(vocab))];
		size_t len = strlen(cur), wl = strlen(w);

		n = text_words(cur, start, end, WORDS_MAX);
		at = rng_below(r, n);
		next = xmalloc(len + wl + 2);
		switch (rng_below(r, 3)) {
		case 0: /* replace */
			sprintf(next, "%.*s%s%s", (int)start[at], cur, w, cur + end[at]);
			break;
		case 1: /* drop */
			sprintf(next, "%.*s%s", (int)start[at], cur, cur + end[at]);
			break;
		default: /* add */
			sprintf(next, "%.*s%s %s", (int)start[at], cur, w, cur + start[at]);
			break;
		}
		free(cur);
		cur = next;
	}
	return cur;
}

static char *
text_synth(struct rng *r)
{
	char buf[512];
	size_t k;

	strcpy(buf, "Decides to");
	for (k = 0; k < 12; k++) {
		strcat(buf, " ");
		strcat(buf, vocab[rng_below(r, ARRAY_SIZE(vocab))]);
	}
	strcat(buf, ";");
	return xstrdup(buf);
}

enum edit { ED_INSERT, ED_DELETE, ED_MODIFY, ED_MOVE, ED_SPLIT, ED_MERGE, ED_N };

static void
edit_split(struct doc *d, struct rng *r)
{
	size_t start[WORDS_MAX], end[WORDS_MAX], at = rng_below(r, d->n);
	size_t n = text_words(d->text[at], start, end, WORDS_MAX);
	char *a, *b;

	if (n < 16)
		return;
	a = text_join(d->text[at], start, end, 0, n / 2);
	b = text_join(d->text[at], start, end, n / 2, n);
	doc_replace(d, at, a);
	doc_insert(d, at + 1, d->section[at], b);
}

static void
edit_merge(struct doc *d, struct rng *r)
{
	size_t at;
	int section;
	char *b, *m;

	if (d->n < 2)
		return;
	at = rng_below(r, d->n - 1);
	b = doc_take(d, at + 1, &section);
	m = xmalloc(strlen(d->text[at]) + strlen(b) + 2);
	sprintf(m, "%s %s", d->text[at], b);
	doc_replace(d, at, m);
	free(b);
}

static void
doc_edit(struct doc *d, struct rng *r, enum edit e)
{
	int section;
	size_t at;
	char *t;

	if (d->n == 0)
		e = ED_INSERT;
	at = rng_below(r, d->n);
	switch (e) {
	case ED_INSERT:
		if (rng_below(r, 2))
			t = text_synth(r);
		else
			t = xstrdup(res[rng_below(r, NRES)].text);
		doc_insert(d, rng_below(r, d->n + 1), (int)rng_below(r, 2), t);
		break;
	case ED_DELETE:
		free(doc_take(d, at, &section));
		break;
	case ED_MODIFY:
		doc_replace(d, at, text_modify(r, d->text[at]));
		break;
	case ED_MOVE:
		t = doc_take(d, at, &section);
		doc_insert(d, rng_below(r, d->n + 1), section, t);
		break;
	case ED_SPLIT:
		edit_split(d, r);
		break;
	default:
		edit_merge(d, r);
		break;
	}
}

static const char *
text_skip_space(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

/* Equal but for case and runs of spaces: what AL_EQUAL promises here. */
static int
text_eq_loosely(const char *a, const char *b)
{
	a = text_skip_space(a);
	b = text_skip_space(b);
	while (*a && *b) {
		int x = (*a >= 'A' && *a <= 'Z') ? *a + 32 : *a;
		int y = (*b >= 'A' && *b <= 'Z') ? *b + 32 : *b;

		if ((x == ' ' || x == '\t') && (y == ' ' || y == '\t')) {
			a = text_skip_space(a);
			b = text_skip_space(b);
			continue;
		}
		if (x != y)
			return 0;
		a++;
		b++;
	}
	return *text_skip_space(a) == *text_skip_space(b);
}

struct tally {
	size_t kind[AL_MERGED + 1], moved;
};

static void
tally_add(struct tally *t, const struct alignment *al)
{
	size_t i;

	for (i = 0; i < al->n; i++) {
		t->kind[al->v[i].kind]++;
		t->moved += al->v[i].moved != 0;
	}
}

/* OLD: a run of 79/53's clauses; NEW: OLD after a few random edits. */
static void
trial_docs(struct rng *r, struct doc *a, struct doc *b)
{
	size_t n = 1 + rng_below(r, 24), first = rng_below(r, NRES), k, nedit;

	doc_init(a);
	for (k = 0; k < n; k++)
		doc_push(a, res[(first + k) % NRES].section, res[(first + k) % NRES].text);
	doc_copy(b, a);
	nedit = rng_below(r, 7);
	for (k = 0; k < nedit; k++)
		doc_edit(b, r, (enum edit)rng_below(r, ED_N));
}

static void
check_swap(const struct alignment *ab, const struct alignment *ba)
{
	ck_assert_uint_eq(count_kind(ab, AL_DELETED), count_kind(ba, AL_INSERTED));
	ck_assert_uint_eq(count_kind(ab, AL_INSERTED), count_kind(ba, AL_DELETED));
	ck_assert_uint_eq(count_kind(ab, AL_SPLIT), count_kind(ba, AL_MERGED));
	ck_assert_uint_eq(count_kind(ab, AL_MERGED), count_kind(ba, AL_SPLIT));
}

static void
check_equal_texts(const struct alignment *al, const struct doc *a, const struct doc *b)
{
	size_t i;

	for (i = 0; i < al->n; i++)
		if (al->v[i].kind == AL_EQUAL)
			ck_assert(text_eq_loosely(a->text[al->v[i].old[0]],
						 b->text[al->v[i].new_[0]]));
}

static void
property_trial(uint64_t seed, struct tally *t)
{
	struct rng r = { seed };
	struct doc a, b;
	struct alignment ab, ba, aa;

	trial_docs(&r, &a, &b);
	alignment_init(&ab);
	alignment_init(&ba);
	alignment_init(&aa);
	doc_align(&a, &b, 0, &ab);
	check_cover(&ab, a.n, b.n);
	check_equal_texts(&ab, &a, &b);
	doc_align(&b, &a, 0, &ba);
	check_cover(&ba, b.n, a.n);
	check_swap(&ab, &ba);
	doc_align(&a, &a, 0, &aa);
	check_all_equal_in_place(&aa, a.n);
	tally_add(t, &ab);
	alignment_release(&ab);
	alignment_release(&ba);
	alignment_release(&aa);
	doc_release(&a);
	doc_release(&b);
}

/*
 * Whole copies of a repeated block dropped: every surviving clause pairs
 * with its own copy's clause, in order, and the dropped copies are deleted
 * (exact anchors over many occurrences of each key).
 */
START_TEST(test_repeated_copies_dropped)
{
	static const size_t dropped[] = { 5, 17, 18, 30 };
	struct doc one, a, b;
	struct alignment al;
	size_t copy, k, i, d;
	int drop;

	doc_ten(&one);
	doc_init(&a);
	doc_init(&b);
	for (copy = 0; copy < 40; copy++) {
		for (drop = 0, d = 0; d < ARRAY_SIZE(dropped); d++)
			drop |= dropped[d] == copy;
		for (k = 0; k < one.n; k++) {
			doc_push(&a, one.section[k], one.text[k]);
			if (!drop)
				doc_push(&b, one.section[k], one.text[k]);
		}
	}
	alignment_init(&al);
	doc_align(&a, &b, 0, &al);
	check_cover(&al, a.n, b.n);
	ck_assert_uint_eq(count_kind(&al, AL_EQUAL), b.n);
	ck_assert_uint_eq(count_kind(&al, AL_DELETED), a.n - b.n);
	ck_assert_uint_eq(count_moved(&al), 0);
	for (i = 0; i < al.n; i++)
		if (al.v[i].kind == AL_EQUAL)
			ck_assert_uint_eq(al.v[i].old[0] % one.n, al.v[i].new_[0] % one.n);
	doc_align(&b, &a, 0, &al);
	check_cover(&al, b.n, a.n);
	ck_assert_uint_eq(count_kind(&al, AL_EQUAL), b.n);
	ck_assert_uint_eq(count_kind(&al, AL_INSERTED), a.n - b.n);
	ck_assert_uint_eq(count_moved(&al), 0);
	alignment_release(&al);
	doc_release(&one);
	doc_release(&a);
	doc_release(&b);
}
END_TEST

/* One clause between PP1 and OP1 on each side; its pair's kind under flags. */
static enum align_kind
middle_kind(const char *old_text, const char *new_text, unsigned flags, double *sim)
{
	struct doc a, b;
	struct alignment al;
	enum align_kind kind;

	doc_init(&a);
	doc_push(&a, 0, res[PP(1)].text);
	doc_push(&a, 0, old_text);
	doc_push(&a, 1, res[OP(1)].text);
	doc_init(&b);
	doc_push(&b, 0, res[PP(1)].text);
	doc_push(&b, 0, new_text);
	doc_push(&b, 1, res[OP(1)].text);
	alignment_init(&al);
	doc_align(&a, &b, flags, &al);
	check_cover(&al, 3, 3);
	ck_assert_uint_eq(al.n, 3);
	ck_assert_int_eq(al.v[0].kind, AL_EQUAL);
	ck_assert_int_eq(al.v[2].kind, AL_EQUAL);
	ck_assert_uint_eq(al.v[1].old[0], 1);
	ck_assert_uint_eq(al.v[1].new_[0], 1);
	ck_assert_int_eq(al.v[1].moved, 0);
	kind = al.v[1].kind;
	*sim = al.v[1].similarity;
	alignment_release(&al);
	doc_release(&a);
	doc_release(&b);
	return kind;
}

/*
 * The keys off the ASCII path: case folding beyond ASCII, characters that
 * never show, dash styles (loose only), and invalid bytes, which are kept.
 */
START_TEST(test_keys_beyond_ascii)
{
	double sim;

	ck_assert_int_eq(middle_kind("Welcoming the report of the \xc3\x89tats on \xc3\xa9galit\xc3\xa9,",
				     "Welcoming the report of the \xc3\xa9tats on \xc3\x89GALIT\xc3\x89,",
				     0, &sim), AL_EQUAL);
	/* a soft hyphen and a zero-width space count in neither key */
	ck_assert_int_eq(middle_kind("Noting the counter\xc2\xadterrorism strategy of the region,",
				     "Noting the counterterrorism\xe2\x80\x8b strategy of the region,",
				     0, &sim), AL_EQUAL);
	/* an en dash between words: same loose key, not the same strict key */
	ck_assert_int_eq(middle_kind("Recalling the 2030 \xe2\x80\x93 Agenda for Sustainable Development,",
				     "Recalling the 2030 - Agenda for Sustainable Development,",
				     0, &sim), AL_MODIFIED);
	ck_assert(sim == 1.0);
	ck_assert_int_eq(middle_kind("Recalling the 2030 \xe2\x80\x93 Agenda for Sustainable Development,",
				     "Recalling the 2030 - Agenda for Sustainable Development,",
				     IGNORE_TYPOGRAPHY, &sim), AL_EQUAL);
	/* invalid bytes: the same ones are equal text, different ones are not */
	ck_assert_int_eq(middle_kind("Stressing the need for \xff cooperation among all States,",
				     "Stressing the need for \xff cooperation among all States,",
				     0, &sim), AL_EQUAL);
	ck_assert_int_eq(middle_kind("Stressing the need for \xff cooperation among all States,",
				     "Stressing the need for \xfe cooperation among all States,",
				     IGNORE_TYPOGRAPHY, &sim), AL_MODIFIED);
	ck_assert(sim == 1.0);
}
END_TEST

/* Empty texts, with or without a pointer, are texts like any other. */
START_TEST(test_empty_texts)
{
	const char *x = res[OP(2)].text;
	struct align_item a[] = {
		{ NULL, 0, 0 }, { x, strlen(x), 1 }, { "", 0, 1 },
	};
	struct align_item b[] = {
		{ "", 0, 0 }, { x, strlen(x), 1 }, { NULL, 0, 1 },
	};
	struct alignment al;
	size_t i;

	alignment_init(&al);
	align_clauses(a, 3, b, 3, NULL, 0, &al);
	check_all_equal_in_place(&al, 3);
	align_clauses(a, 3, b, 3, NULL, IGNORE_TYPOGRAPHY, &al);
	check_all_equal_in_place(&al, 3);
	for (i = 0; i < 3; i++)
		ck_assert(align_similarity(a[i].text, a[i].len, b[i].text, b[i].len, NULL) == 1.0);
	alignment_release(&al);
}
END_TEST

/* Long word bags, shuffled and with many repeats: sorting and counting. */
static char *
words_text(const char *const *w, const size_t *count, size_t nw, uint64_t seed)
{
	struct rng r = { seed };
	size_t total = 0, i, k, j, len = 1;
	const char **v;
	const char *t;
	char *s;

	for (i = 0; i < nw; i++)
		total += count[i];
	v = xmalloc((total + 1) * sizeof(*v));
	for (i = 0, k = 0; i < nw; i++)
		for (j = 0; j < count[i]; j++, k++) {
			v[k] = w[i];
			len += strlen(w[i]) + 1;
		}
	for (k = total; k > 1; k--) {
		j = rng_below(&r, k);
		t = v[k - 1];
		v[k - 1] = v[j];
		v[j] = t;
	}
	s = xcalloc(len, 1);
	for (k = 0; k < total; k++) {
		strcat(s, v[k]);
		strcat(s, k + 1 < total ? " " : "");
	}
	free(v);
	return s;
}

START_TEST(test_similarity_long_bags)
{
	static const char *const two[] = { "alpha", "beta" };
	static const size_t ca[] = { 100, 100 }, cb[] = { 50, 150 };
	const char *many[300];
	char names[300][8];
	size_t one[300], i;
	char *a, *b, *c;

	a = words_text(two, ca, 2, 1);
	b = words_text(two, cb, 2, 2);
	c = words_text(two, ca, 2, 3);
	ck_assert(sim_str(a, b) == 0.75);
	ck_assert(sim_str(a, c) == 1.0);
	free(a);
	free(b);
	free(c);
	for (i = 0; i < 300; i++) {
		snprintf(names[i], sizeof(names[i]), "w%zu", i);
		many[i] = names[i];
		one[i] = 1;
	}
	a = words_text(many, one, 300, 4);
	b = words_text(many, one, 300, 5);
	c = words_text(many, one, 270, 6);
	ck_assert(sim_str(a, b) == 1.0);
	ck_assert(sim_str(a, c) == 540.0 / 570.0);
	free(a);
	free(b);
	free(c);
}
END_TEST

#define TRIALS 400

START_TEST(test_properties_random_edits)
{
	struct tally t;
	uint64_t seed;

	memset(&t, 0, sizeof(t));
	for (seed = 1; seed <= TRIALS; seed++)
		property_trial(seed * 7919, &t);
	/* the generator must reach every kind, or the properties prove little */
	ck_assert_uint_gt(t.kind[AL_EQUAL], 0);
	ck_assert_uint_gt(t.kind[AL_MODIFIED], 0);
	ck_assert_uint_gt(t.kind[AL_INSERTED], 0);
	ck_assert_uint_gt(t.kind[AL_DELETED], 0);
	ck_assert_uint_gt(t.kind[AL_SPLIT], 0);
	ck_assert_uint_gt(t.kind[AL_MERGED], 0);
	ck_assert_uint_gt(t.moved, 0);
	printf("# properties: %d pairs of lists; equal %zu modified %zu inserted %zu "
	       "deleted %zu split %zu merged %zu moved %zu\n", TRIALS,
	       t.kind[AL_EQUAL], t.kind[AL_MODIFIED], t.kind[AL_INSERTED],
	       t.kind[AL_DELETED], t.kind[AL_SPLIT], t.kind[AL_MERGED], t.moved);
}
END_TEST

/*
 * Performance
 */

static const struct {
	int section;
	const char *text;
} extra[] = {
	{ 0, "Welcoming the continued efforts of the Secretary-General to raise "
	     "awareness of the threat posed by improvised explosive devices, "
	     "including through a system-wide approach," },
	{ 1, "Invites Member States to provide, on a voluntary basis, information "
	     "on national measures taken to counter the threat posed by improvised "
	     "explosive devices;" },
	{ 1, "Calls upon all States to strengthen their national legislation to "
	     "prevent the diversion of precursor chemicals to illegal armed groups "
	     "and terrorists;" },
};

/* copies x (the 60-clause document after edits edits), one after another. */
static void
doc_copies(struct doc *d, struct rng *r, size_t copies, size_t edits)
{
	struct doc one;
	size_t c, k;

	doc_init(d);
	for (c = 0; c < copies; c++) {
		doc_init(&one);
		for (k = 0; k < NRES; k++)
			doc_push(&one, res[k].section, res[k].text);
		for (k = 0; k < ARRAY_SIZE(extra); k++)
			doc_push(&one, extra[k].section, extra[k].text);
		for (k = 0; k < edits; k++)
			doc_edit(&one, r, (enum edit)rng_below(r, ED_N));
		for (k = 0; k < one.n; k++)
			doc_push(d, one.section[k], one.text[k]);
		doc_release(&one);
	}
}

START_TEST(test_performance_6000)
{
	struct rng r = { 20241202 };
	struct doc a, b;
	struct alignment al;
	struct tally t;
	clock_t t0;
	double secs;

	doc_copies(&a, &r, 100, 2);
	doc_copies(&b, &r, 100, 3);
	alignment_init(&al);
	t0 = clock();
	doc_align(&a, &b, 0, &al);
	secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
	check_cover(&al, a.n, b.n);
	memset(&t, 0, sizeof(t));
	tally_add(&t, &al);
	printf("# performance: %zu x %zu clauses aligned in %.3f s (equal %zu modified %zu "
	       "inserted %zu deleted %zu split %zu merged %zu moved %zu)\n",
	       a.n, b.n, secs, t.kind[AL_EQUAL], t.kind[AL_MODIFIED],
	       t.kind[AL_INSERTED], t.kind[AL_DELETED], t.kind[AL_SPLIT],
	       t.kind[AL_MERGED], t.moved);
	alignment_release(&al);
	doc_release(&a);
	doc_release(&b);
}
END_TEST

static Suite *
align_suite(void)
{
	Suite *s = suite_create("align");
	TCase *tc = tcase_create("crafted");
	TCase *tp = tcase_create("properties");

	tcase_add_test(tc, test_identical_all_equal);
	tcase_add_test(tc, test_one_inserted);
	tcase_add_test(tc, test_one_deleted_in_middle);
	tcase_add_test(tc, test_one_deleted_first_and_last);
	tcase_add_test(tc, test_modified_words);
	tcase_add_test(tc, test_exact_move);
	tcase_add_test(tc, test_move_and_edit);
	tcase_add_test(tc, test_split);
	tcase_add_test(tc, test_merge);
	tcase_add_test(tc, test_small_addition_is_not_split);
	tcase_add_test(tc, test_insert_at_top_renumbers_only);
	tcase_add_test(tc, test_pp_to_op_in_place);
	tcase_add_test(tc, test_pp_to_op_moved);
	tcase_add_test(tc, test_typography_needs_flag);
	tcase_add_test(tc, test_case_and_spacing_are_equal);
	tcase_add_test(tc, test_repeated_clause);
	tcase_add_test(tc, test_empty_sides);
	tcase_add_test(tc, test_similarity);
	tcase_add_test(tc, test_repeated_copies_dropped);
	tcase_add_test(tc, test_keys_beyond_ascii);
	tcase_add_test(tc, test_empty_texts);
	tcase_add_test(tc, test_similarity_long_bags);
	suite_add_tcase(s, tc);
	/* sanitizer builds are several times slower than the second this needs */
	tcase_set_timeout(tp, 120);
	tcase_add_test(tp, test_properties_random_edits);
	tcase_add_test(tp, test_performance_6000);
	suite_add_tcase(s, tp);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(align_suite());
	int failed;

	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
