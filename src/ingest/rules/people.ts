/**
 * People: a Chinese name (a common surname and a given name) with the position the text
 * states ("Wang Yingwei, director of the Cyber Security Bureau of …"), a byline ("reporter Xu
 * Ting", "Photo by …") or a speech verb. A surname list keeps place names and brands out.
 */
import type { Finding } from '../types.js';
import { allMatches, at, type Rule } from './context.js';

const SURNAMES =
  'Wang|Li|Zhang|Liu|Chen|Yang|Huang|Zhao|Wu|Zhou|Xu|Sun|Ma|Zhu|Hu|Guo|He|Gao|Lin|Luo|Zheng|Liang|Xie|Song|Tang|Han|Feng|Deng|Cao|Peng|Zeng|Xiao|Tian|Dong|Yuan|Pan|Yu|Jiang|Cai|Jia|Ding|Wei|Xue|Ye|Yan|Pang|Lu|Du|Dai|Xia|Zhong|Fu|Shen|Ren|Yao|Qiu|Qin|Shi|Jin|Cui|Kong|Bai|Tan|Mao|Hao|Gu|Meng|Xiong|Fan|Qian|Yin|Chang|Lei|Wan|Shao|Long|Wen|Ge|Fang|Geng|Guan|Lai|Xing|Kang|Niu|Bao|Meng|Zou|Xiang|Hou|Ke|Ling|Shu|Qi|Mo|Miao|Ou|Duan|Lv|Lyu|Yi|Tao|Zhan|Gong|Ni|Hong|Ning|Xi|Chi';
const NAME = `\\b((?:${SURNAMES})\\s[A-Z][a-z]{1,9})\\b(?!\\s+(?:[A-Z]|Province|City|County|District|Road|Street))`;
const ROLE =
  /\b(director|deputy|member|minister|head|chief|secretary|spokesperson|spokesman|commissioner|chairman|chairwoman|president|governor|mayor|captain|officer|leader|instructor|commissar|reporter|editor|correspondent|inspector|vice)\b/i;
/**
 * A capitalised title after the comma, as official releases write it: "Lu Wei, Deputy
 * Director-General of the X Department". Only a post word may open it, so "Wang Fang, Beijing"
 * stays out.
 */
const CAPITAL_POST =
  '(?:Deputy|Vice|Executive|Director|Secretary|Minister|Head|Chief|Governor|Mayor|Member|Commissioner|Chairman|Chairwoman|President|Spokes(?:person|man|woman)|Political Commissar)\\b';
const WITH_POSITION = new RegExp(
  `${NAME},\\s+((?:a|an|the)\\s+)?((?:[a-z]|${CAPITAL_POST})[^,;.“”"]{2,220}?)(?=,|;|\\.|\\s+(?:said|says|told|added|introduced|pointed|stated|emphasized|noted|attended|presided|delivered))`,
  'g',
);
const BYLINE = new RegExp(
  `((?:[A-Z][A-Za-z’']*\\s+){0,4})?\\b(reporter|Reporter|correspondent|Photo by|photo by|Editor)\\s+${NAME.slice(2)}`,
  'g',
);
const SPEAKER = new RegExp(
  `${NAME}\\s+(?:said|introduced|pointed out|stated|emphasized|noted|listed|added)|\\b(?:said|introduced|[Aa]ccording to)\\s+${NAME.slice(2)}`,
  'g',
);

/**
 * A title written before the name: "Vice Minister Li Ming", "State Councilor and Public Security
 * Minister Zhao Kezhi", "premier Li Keqiang". The title word is what makes the name a post holder.
 */
const TITLED = new RegExp(
  `\\b((?:(?:[Vv]ice|[Dd]eputy|[Ee]xecutive|[Aa]ssistant)[ -])?(?:[Pp]remier|[Pp]resident|[Mm]inister|[Cc]ouncill?or|[Ss]ecretary|[Cc]hairman|[Cc]hairwoman|[Gg]overnor|[Mm]ayor|[Ss]pokes(?:person|man|woman)|[Dd]irector|[Cc]ommissioner|[Pp]rocurator-[Gg]eneral)(?:\\s+of\\s+(?:the\\s+)?[A-Z][a-z]+(?:\\s+(?:and\\s+)?[A-Z][a-z]+){0,4})?)\\s+${NAME.slice(2)}`,
  'g',
);
/** "Li Qiang, Cai Qi and Li Xi, all members of the Standing Committee …": one position for each listed name. */
const LISTED = new RegExp(
  `\\b((?:(?:${SURNAMES})\\s[A-Z][a-z]{1,9},\\s+)+(?:and\\s+)?(?:${SURNAMES})\\s[A-Z][a-z]{1,9}|(?:${SURNAMES})\\s[A-Z][a-z]{1,9}\\s+and\\s+(?:${SURNAMES})\\s[A-Z][a-z]{1,9}),\\s+(?:(?:all|both)\\s+)?([a-z][^,;.“”"]{2,140}?)(?=,|;|\\.)`,
  'g',
);
/**
 * Names listed after the post they share: "other senior NIA officials including Xiong Wei, Chi
 * Ming, and Liu Fang", "deputy directors such as …". The post words (at most three, an acronym
 * allowed) are the position.
 */
const POST_THEN_NAMES = new RegExp(
  `\\b((?:(?:[a-z]+|[A-Z]{2,6})\\s+){0,3}(?:officials|officers|leaders|directors|ministers|heads|chiefs|commissioners|spokespersons))\\s+(?:including|such as|namely)\\s+((?:(?:${SURNAMES})\\s[A-Z][a-z]{1,9},\\s+)*(?:(?:${SURNAMES})\\s[A-Z][a-z]{1,9},?\\s+and\\s+)?(?:${SURNAMES})\\s[A-Z][a-z]{1,9})\\b`,
  'g',
);
/** "all members of …", "both vice ministers": the listed names share a plural post. */
const ROLES = new RegExp(ROLE.source.replace(/\)\\b$/, ')s?\\b'), 'i');
const LISTED_NAME = new RegExp(`\\b(?:${SURNAMES})\\s[A-Z][a-z]{1,9}\\b`, 'g');

export const people: Rule = (input) => {
  const out: Finding[] = [];
  const push = (name: string, start: number, position: string | undefined, rule: string, confidence: number) => {
    const span = at(input, start, start + name.length);
    if (!span) return;
    out.push({
      kind: 'PERSON',
      name,
      ...span,
      sentence: input.sentence.index,
      rule,
      confidence,
      fields: position ? { position } : {},
    });
  };
  for (const m of allMatches(WITH_POSITION, input.text)) {
    const position = m[3] ?? '';
    if (!ROLE.test(position)) continue;
    push(m[1] ?? '', m.index, position, 'person-with-position', 0.9);
  }
  for (const m of allMatches(TITLED, input.text)) {
    const name = m[2] ?? '';
    push(name, m.index + m[0].length - name.length, m[1], 'person-titled', 0.85);
  }
  // A list needs "and": skip the surname alternation for sentences without one.
  for (const m of /\sand\s/.test(input.text) ? allMatches(LISTED, input.text) : []) {
    const position = m[2] ?? '';
    if (!ROLES.test(position)) continue;
    for (const n of allMatches(LISTED_NAME, m[1] ?? '')) push(n[0], m.index + n.index, position, 'person-listed', 0.85);
  }
  for (const m of allMatches(POST_THEN_NAMES, input.text)) {
    const list = m[2] ?? '';
    const from = m.index + m[0].length - list.length;
    for (const n of allMatches(LISTED_NAME, list)) push(n[0], from + n.index, m[1], 'person-post-then-names', 0.8);
  }
  for (const m of allMatches(BYLINE, input.text)) {
    const name = m[3] ?? '';
    const lead = (m[1] ?? '').trim();
    const role = (m[2] ?? '').toLowerCase();
    const position = role === 'photo by' ? 'photographer' : lead ? `${lead} ${role}` : role;
    push(name, m.index + m[0].length - name.length, position, 'person-byline', 0.85);
  }
  for (const m of allMatches(SPEAKER, input.text)) {
    const name = m[1] ?? m[2] ?? '';
    push(name, m.index + m[0].indexOf(name), undefined, 'person-speaker', 0.75);
  }
  return out;
};
