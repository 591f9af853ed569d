#include "attune/nudges.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <map>
#include <optional>

#include "attune/text.hpp"

namespace attune {
namespace {

// ---------------------------------------------------------------- words

enum class CharClass { kWord, kApostrophe, kQuote, kClauseEnd, kSentenceEnd, kSpace };

CharClass classify(std::uint32_t cp) {
  if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9')) return CharClass::kWord;
  switch (cp) {
    case '\'':
    case 0x2018:
    case 0x2019: return CharClass::kApostrophe;
    case '"':
    case 0x201C:
    case 0x201D:
    case 0x201E:
    case 0x00AB:
    case 0x00BB: return CharClass::kQuote;
    case ',':
    case ':':
    case '(':
    case ')':
    case '-':
    case '*':
    case 0x2013:
    case 0x2014: return CharClass::kClauseEnd;
    case '.':
    case '!':
    case '?':
    case ';':
    case 0x2026:
    case 0x3002: return CharClass::kSentenceEnd;
    default: break;
  }
  if (cp < 0x80) return CharClass::kSpace;
  // Spaces and punctuation phones and word processors put in.
  if ((cp >= 0x00A0 && cp <= 0x00BF) || cp == 0x00D7 || cp == 0x00F7) return CharClass::kSpace;
  if ((cp >= 0x2000 && cp <= 0x206F) || (cp >= 0x3000 && cp <= 0x303F)) return CharClass::kSpace;
  return CharClass::kWord;  // letters of other scripts belong to the word
}

// "sooo" -> "so", "neverrrr" -> "never": no English word has three of a
// letter in a row, so a run of three or more is emphasis.
std::string collapse_runs(const std::string& word) {
  std::string out;
  std::size_t i = 0;
  while (i < word.size()) {
    std::size_t run = 1;
    while (i + run < word.size() && word[i + run] == word[i]) ++run;
    const bool letter = std::isalpha(static_cast<unsigned char>(word[i])) != 0;
    out.append(letter && run >= 3 ? 1 : run, word[i]);
    i += run;
  }
  return out;
}

// "didn't" -> "did not", "you're" -> "you are", "let's" -> "let us".
std::vector<std::string> expand(const std::string& word) {
  const auto apostrophe = word.find('\'');
  if (apostrophe == std::string::npos) return {word};
  if (word.size() > 3 && word.compare(word.size() - 3, 3, "n't") == 0) {
    std::string base = word.substr(0, word.size() - 3);
    if (base == "can" || base == "ca") base = "can";
    if (base == "won" || base == "wo") base = "will";
    if (base == "ain") base = "is";
    if (base == "shan") base = "shall";
    return {base, "not"};
  }
  const std::string base = word.substr(0, apostrophe);
  const std::string suffix = word.substr(apostrophe + 1);
  if (suffix == "re") return {base, "are"};
  if (suffix == "ve") return {base, "have"};
  if (suffix == "m") return {base, "am"};
  if (suffix == "ll") return {base, "will"};
  if (suffix == "d") return {base, "would"};
  if (suffix == "s") return {base, base == "let" ? "us" : "is"};
  std::string joined = word;
  joined.erase(std::remove(joined.begin(), joined.end(), '\''), joined.end());
  return {joined};
}

}  // namespace

std::vector<NudgeWord> nudge_words(std::string_view draft) {
  std::vector<NudgeWord> words;
  std::string current;
  std::size_t current_begin = 0;
  std::size_t current_end = 0;
  int clause = 0;
  int sentence = 0;
  bool in_double = false;
  bool in_single = false;
  bool current_quoted = false;
  bool boundary_pending = false;  // a clause or sentence ended since the last word
  bool sentence_pending = false;

  const auto flush = [&] {
    if (current.empty()) return;
    if (boundary_pending && !words.empty()) {
      ++clause;
      if (sentence_pending) ++sentence;
    }
    boundary_pending = false;
    sentence_pending = false;
    // A trailing apostrophe ("parents'") is not part of the word.
    while (!current.empty() && current.back() == '\'') current.pop_back();
    for (auto& part : expand(collapse_runs(current))) {
      if (part.empty()) continue;
      words.push_back(NudgeWord{std::move(part), current_begin, current_end, clause, sentence, current_quoted});
    }
    current.clear();
  };

  std::size_t at = 0;
  while (at < draft.size()) {
    const CodePoint cp = next_code_point(draft, at);
    const CharClass kind = classify(cp.value);
    const std::size_t next_at = at + cp.length;
    switch (kind) {
      case CharClass::kWord:
        if (current.empty()) {
          current_begin = at;
          current_quoted = in_double || in_single;
        }
        if (cp.value < 0x80) {
          current.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(cp.value))));
        } else {
          current.append(draft.substr(at, cp.length));
        }
        current_end = next_at;
        break;
      case CharClass::kApostrophe: {
        const bool next_is_word =
            next_at < draft.size() && classify(next_code_point(draft, next_at).value) == CharClass::kWord;
        if (!current.empty() && next_is_word) {
          current.push_back('\'');  // inside a word: "don't"
        } else if (current.empty() && next_is_word) {
          in_single = !in_single;  // opens (or, after a space, closes) a single-quoted span
        } else {
          flush();
          if (in_single) in_single = false;
        }
        break;
      }
      case CharClass::kQuote:
        flush();
        in_double = !in_double;
        break;
      case CharClass::kClauseEnd:
        // A hyphen between letters joins a word: "self-absorbed".
        if (cp.value == '-' && !current.empty() && next_at < draft.size() &&
            classify(next_code_point(draft, next_at).value) == CharClass::kWord) {
          current.push_back('-');
          break;
        }
        flush();
        boundary_pending = true;
        break;
      case CharClass::kSentenceEnd:
        flush();
        boundary_pending = true;
        sentence_pending = true;
        break;
      case CharClass::kSpace: flush(); break;
    }
    at = next_at;
  }
  flush();
  return words;
}

namespace {

// ---------------------------------------------------------------- patterns

struct Element {
  enum Kind { kWords, kList, kAny, kGap, kClauseStart, kClauseEnd } kind = kWords;
  std::vector<std::string> words;                      // kWords: the word
  int list = -1;                                       // kList: index into Compiled lists, or -1 ...
  std::vector<std::vector<std::string>> alternatives;  // ... for alternatives written inline
  bool optional = false;
};

struct Pattern {
  std::vector<Element> elements;
  // The first letters a match can start with (every word of a match is
  // spelled with its first letter right), to skip most start positions.
  std::array<bool, 256> first_letters{};
  bool starts_anywhere = true;
};

// Each entry of a list as words.
using Entries = std::vector<std::vector<std::string>>;

std::vector<std::string> plain_words(std::string_view text) {
  std::vector<std::string> out;
  for (auto& w : nudge_words(text)) out.push_back(std::move(w.word));
  return out;
}

// One typo forgiven in longer words: two neighbouring letters swapped, or one
// letter missing or doubled; never the first letter ("ever" is not "never").
bool near_word(const std::string& want, const std::string& got) {
  if (want.size() < 5 || got.size() < 4 || got[0] != want[0]) return false;
  if (got.size() == want.size()) {
    std::size_t i = 0;
    while (i < want.size() && want[i] == got[i]) ++i;
    return i + 1 < want.size() && want[i] == got[i + 1] && want[i + 1] == got[i] &&
           want.compare(i + 2, std::string::npos, got, i + 2, std::string::npos) == 0;
  }
  if (want.size() < 6) return false;
  const std::string& longer = got.size() > want.size() ? got : want;
  const std::string& shorter = got.size() > want.size() ? want : got;
  if (longer.size() != shorter.size() + 1) return false;
  std::size_t i = 0;
  while (i < shorter.size() && longer[i] == shorter[i]) ++i;
  return longer.compare(i + 1, std::string::npos, shorter, i, std::string::npos) == 0;
}

bool same_word(const std::string& want, const std::string& got) { return want == got || near_word(want, got); }

}  // namespace

struct NudgeMatcher::Compiled {
  struct Rule {
    v1::NudgeRule source;  // a copy without the patterns, so the lexicon may go away
    std::vector<Pattern> phrases;
    std::vector<Pattern> before;
    std::vector<Pattern> after;
    std::vector<Pattern> sentence;
  };
  std::vector<Entries> lists;
  std::map<std::string, int> list_index;
  std::vector<std::pair<std::vector<std::string>, std::vector<std::string>>> respellings;  // longest first
  std::vector<Rule> rules;
  std::vector<ContentProblem> problems;

  std::optional<Pattern> compile(const std::string& text, std::string& problem) const {
    Pattern pattern;
    bool consumes = false;
    std::size_t at = 0;
    while (at < text.size()) {
      while (at < text.size() && text[at] == ' ') ++at;
      if (at >= text.size()) break;
      std::size_t end = text.find(' ', at);
      if (end == std::string::npos) end = text.size();
      std::string piece = text.substr(at, end - at);
      at = end;
      Element element;
      if (piece.size() > 1 && piece.back() == '?') {
        element.optional = true;
        piece.pop_back();
      }
      if (piece == "_") {
        element.kind = Element::kAny;
      } else if (piece == "..") {
        element.kind = Element::kGap;
      } else if (piece == "^") {
        element.kind = Element::kClauseStart;
      } else if (piece == "$") {
        element.kind = Element::kClauseEnd;
      } else if (piece[0] == '@') {
        const auto found = list_index.find(piece.substr(1));
        if (found == list_index.end()) {
          problem = "uses the list " + piece + ", which is not defined";
          return std::nullopt;
        }
        element.kind = Element::kList;
        element.list = found->second;
      } else if (piece.find('|') != std::string::npos) {
        // Alternatives may be several words joined by '+': "is|was+not".
        element.kind = Element::kList;
        element.list = -1;
        std::size_t from = 0;
        while (from <= piece.size()) {
          std::size_t bar = piece.find('|', from);
          if (bar == std::string::npos) bar = piece.size();
          std::string alternative = piece.substr(from, bar - from);
          std::replace(alternative.begin(), alternative.end(), '+', ' ');
          auto words = plain_words(alternative);
          if (words.empty()) {
            problem = "has an empty alternative in \"" + piece + "\"";
            return std::nullopt;
          }
          element.alternatives.push_back(std::move(words));
          from = bar + 1;
        }
      } else {
        const auto words = plain_words(piece);
        if (words.empty()) {
          problem = "has \"" + piece + "\", which is not a word";
          return std::nullopt;
        }
        for (std::size_t i = 0; i < words.size(); ++i) {
          Element word;
          word.kind = Element::kWords;
          word.words = {words[i]};
          word.optional = element.optional && words.size() == 1;
          pattern.elements.push_back(std::move(word));
        }
        consumes = consumes || !element.optional;
        continue;
      }
      if ((element.kind == Element::kWords || element.kind == Element::kList || element.kind == Element::kAny) &&
          !element.optional) {
        consumes = true;
      }
      pattern.elements.push_back(std::move(element));
    }
    if (!consumes) {
      problem = "\"" + text + "\" matches no words";
      return std::nullopt;
    }
    index_first_letters(pattern);
    return pattern;
  }

  void index_first_letters(Pattern& pattern) const {
    for (const auto& element : pattern.elements) {
      if (element.kind == Element::kClauseStart || element.kind == Element::kClauseEnd) continue;
      if (element.optional || element.kind == Element::kAny || element.kind == Element::kGap) return;
      const auto mark = [&](const std::string& word) {
        if (!word.empty()) pattern.first_letters[static_cast<unsigned char>(word[0])] = true;
      };
      if (element.kind == Element::kWords) {
        for (const auto& word : element.words) mark(word);
      } else {
        const auto& entries = element.list >= 0 ? lists[static_cast<std::size_t>(element.list)] : element.alternatives;
        for (const auto& entry : entries) mark(entry.front());
      }
      pattern.starts_anywhere = false;
      return;
    }
  }

  // Matches `pattern` from element `e` at word `w`; `end` is one past the last
  // word used. Words stay in the sentence of word `first`.
  bool match(const Pattern& pattern, std::size_t e, const std::vector<NudgeWord>& words, std::size_t w,
             std::size_t first, std::size_t& end) const {
    if (e == pattern.elements.size()) {
      end = w;
      return true;
    }
    const Element& element = pattern.elements[e];
    const auto in_sentence = [&](std::size_t i) {
      return i < words.size() && words[i].sentence == words[first].sentence;
    };
    if (element.optional && match(pattern, e + 1, words, w, first, end)) return true;
    switch (element.kind) {
      case Element::kWords:
        if (!in_sentence(w)) return false;
        for (const auto& want : element.words) {
          if (same_word(want, words[w].word)) return match(pattern, e + 1, words, w + 1, first, end);
        }
        return false;
      case Element::kAny: return in_sentence(w) && match(pattern, e + 1, words, w + 1, first, end);
      case Element::kGap:
        for (std::size_t skip = 0; skip <= 3; ++skip) {
          if (skip > 0 && !in_sentence(w + skip - 1)) break;
          if (match(pattern, e + 1, words, w + skip, first, end)) return true;
        }
        return false;
      case Element::kClauseStart:
        if (!in_sentence(w)) return false;
        if (w > 0 && words[w - 1].clause == words[w].clause) return false;
        return match(pattern, e + 1, words, w, first, end);
      case Element::kClauseEnd:
        if (w == 0 || (w < words.size() && words[w].clause == words[w - 1].clause)) return false;
        return match(pattern, e + 1, words, w, first, end);
      case Element::kList:
        for (const auto& entry :
             element.list >= 0 ? lists[static_cast<std::size_t>(element.list)] : element.alternatives) {
          std::size_t i = 0;
          while (i < entry.size() && in_sentence(w + i) && same_word(entry[i], words[w + i].word)) ++i;
          if (i == entry.size() && !entry.empty() && match(pattern, e + 1, words, w + i, first, end)) return true;
        }
        return false;
    }
    return false;
  }

  // Respellings, longest first: "your so" -> "you are so", "youre" -> "you are".
  std::vector<NudgeWord> respell(std::vector<NudgeWord> words) const {
    if (respellings.empty()) return words;
    std::vector<NudgeWord> out;
    out.reserve(words.size());
    std::size_t i = 0;
    while (i < words.size()) {
      bool replaced = false;
      for (const auto& [from, to] : respellings) {
        if (i + from.size() > words.size()) continue;
        bool same = true;
        for (std::size_t k = 0; k < from.size() && same; ++k) {
          same = words[i + k].word == from[k] && words[i + k].sentence == words[i].sentence;
        }
        if (!same) continue;
        for (const auto& word : to) {
          NudgeWord copy = words[i];
          copy.word = word;
          copy.end = words[i + from.size() - 1].end;
          out.push_back(std::move(copy));
        }
        // Keep the clause of the last replaced word for what follows.
        if (!to.empty()) out.back().clause = words[i + from.size() - 1].clause;
        i += from.size();
        replaced = true;
        break;
      }
      if (!replaced) out.push_back(std::move(words[i++]));
    }
    return out;
  }

  bool any_match(const std::vector<Pattern>& patterns, const std::vector<NudgeWord>& words, std::size_t from,
                 std::size_t to, std::size_t limit) const {
    for (std::size_t p = from; p < to; ++p) {
      for (const auto& pattern : patterns) {
        std::size_t end = 0;
        if (match(pattern, 0, words, p, p, end) && end <= limit) return true;
      }
    }
    return false;
  }

  bool guarded(const Rule& rule, const std::vector<NudgeWord>& words, std::size_t s, std::size_t e) const {
    for (std::size_t i = s; i < e; ++i) {
      if (words[i].quoted) return true;
    }
    if (!rule.before.empty()) {
      std::size_t from = s >= 4 ? s - 4 : 0;
      while (from < s && words[from].clause != words[s].clause) ++from;
      if (any_match(rule.before, words, from, s, s)) return true;
    }
    if (!rule.after.empty() && e < words.size() && words[e].clause == words[e - 1].clause) {
      std::size_t to = e;
      while (to < words.size() && to < e + 6 && words[to].clause == words[e - 1].clause) ++to;
      std::size_t clause_end = to;
      while (clause_end < words.size() && words[clause_end].clause == words[e - 1].clause) ++clause_end;
      if (any_match(rule.after, words, e, to, clause_end)) return true;
    }
    if (!rule.sentence.empty()) {
      std::size_t from = s;
      while (from > 0 && words[from - 1].sentence == words[s].sentence) --from;
      std::size_t to = s;
      while (to < words.size() && words[to].sentence == words[s].sentence) ++to;
      if (any_match(rule.sentence, words, from, to, to)) return true;
    }
    return false;
  }
};

NudgeMatcher::NudgeMatcher(const v1::NudgeLexicon& lexicon) : compiled_(std::make_unique<Compiled>()) {
  Compiled& c = *compiled_;
  for (int i = 0; i < lexicon.lists_size(); ++i) {
    const auto& list = lexicon.lists(i);
    if (list.name().empty()) {
      c.problems.push_back({"a word list has no name", {{"lists", i}}});
      continue;
    }
    if (c.list_index.count(list.name()) > 0) {
      c.problems.push_back({"the list name " + list.name() + " is used twice", {{"lists", i}}});
      continue;
    }
    Entries entries;
    for (int k = 0; k < list.words_size(); ++k) {
      auto words = plain_words(list.words(k));
      if (words.empty()) {
        c.problems.push_back({"the list " + list.name() + " has an entry with no words", {{"lists", i}, {"words", k}}});
        continue;
      }
      entries.push_back(std::move(words));
    }
    if (entries.empty()) c.problems.push_back({"the list " + list.name() + " has no words", {{"lists", i}}});
    c.list_index[list.name()] = static_cast<int>(c.lists.size());
    c.lists.push_back(std::move(entries));
  }
  for (int i = 0; i < lexicon.respellings_size(); ++i) {
    const auto& respelling = lexicon.respellings(i);
    auto from = plain_words(respelling.from());
    auto to = plain_words(respelling.to());
    if (from.empty() || to.empty()) {
      c.problems.push_back({"a respelling needs both from and to", {{"respellings", i}}});
      continue;
    }
    c.respellings.emplace_back(std::move(from), std::move(to));
  }
  std::stable_sort(c.respellings.begin(), c.respellings.end(),
                   [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
  std::map<std::string, int> ids;
  for (int i = 0; i < lexicon.rules_size(); ++i) {
    const auto& source = lexicon.rules(i);
    const std::string name = source.id().empty() ? "a rule" : "rule " + source.id();
    if (source.id().empty()) c.problems.push_back({"a rule has no id", {{"rules", i}}});
    if (!source.id().empty() && !ids.emplace(source.id(), i).second) {
      c.problems.push_back({"the rule id " + source.id() + " is used twice", {{"rules", i}, {"id", -1}}});
    }
    if (source.kind() == v1::NUDGE_KIND_UNSPECIFIED || !v1::NudgeKind_IsValid(source.kind())) {
      c.problems.push_back({name + " has no kind", {{"rules", i}}});
    }
    if (source.message().empty()) c.problems.push_back({name + " has no message", {{"rules", i}}});
    if (source.phrases().empty()) c.problems.push_back({name + " has no phrases", {{"rules", i}}});
    Compiled::Rule rule;
    rule.source.set_id(source.id());
    rule.source.set_kind(source.kind());
    rule.source.set_message(source.message());
    *rule.source.mutable_steps() = source.steps();
    const auto compile_all = [&](const auto& texts, std::vector<Pattern>& into, const char* field) {
      for (int k = 0; k < texts.size(); ++k) {
        std::string problem;
        if (auto pattern = c.compile(texts.Get(k), problem)) {
          into.push_back(std::move(*pattern));
        } else {
          c.problems.push_back({name + ": " + std::string(field) + " " + problem, {{"rules", i}, {field, k}}});
        }
      }
    };
    compile_all(source.phrases(), rule.phrases, "phrases");
    compile_all(source.unless_before(), rule.before, "unless_before");
    compile_all(source.unless_after(), rule.after, "unless_after");
    compile_all(source.unless_sentence(), rule.sentence, "unless_sentence");
    c.rules.push_back(std::move(rule));
  }
}

NudgeMatcher::~NudgeMatcher() = default;
const std::vector<ContentProblem>& NudgeMatcher::problems() const { return compiled_->problems; }
NudgeMatcher::NudgeMatcher(NudgeMatcher&&) noexcept = default;
NudgeMatcher& NudgeMatcher::operator=(NudgeMatcher&&) noexcept = default;

std::vector<Nudge> NudgeMatcher::find(v1::StepKind step, std::string_view draft) const {
  std::vector<Nudge> found;
  const Compiled& c = *compiled_;
  const auto words = c.respell(nudge_words(draft));
  for (const auto& rule : c.rules) {
    const auto& steps = rule.source.steps();
    if (!steps.empty() && std::find(steps.begin(), steps.end(), step) == steps.end()) continue;
    std::optional<Nudge> nudge;
    for (std::size_t s = 0; s < words.size() && !nudge; ++s) {
      for (const auto& pattern : rule.phrases) {
        if (!pattern.starts_anywhere && !pattern.first_letters[static_cast<unsigned char>(words[s].word[0])]) continue;
        std::size_t end = 0;
        if (!c.match(pattern, 0, words, s, s, end) || end <= s) continue;
        if (c.guarded(rule, words, s, end)) continue;
        const std::size_t from = words[s].begin;
        const std::size_t to = std::max(words[end - 1].end, from);
        nudge = Nudge{rule.source.id(), rule.source.kind(), std::string(draft.substr(from, to - from)),
                      rule.source.message()};
        break;
      }
    }
    if (nudge) found.push_back(std::move(*nudge));
  }
  return found;
}

std::vector<Nudge> find_nudges(const v1::NudgeLexicon& lexicon, v1::StepKind step, std::string_view draft) {
  return NudgeMatcher(lexicon).find(step, draft);
}

std::vector<ContentProblem> check_nudges(const v1::NudgeLexicon& lexicon) { return NudgeMatcher(lexicon).problems(); }

}  // namespace attune
