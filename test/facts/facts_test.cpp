//===--- facts_test.cpp - The facts model: format, merge, queries ---------===//

#include "Facts.h"
#include "FactsFormat.h"
#include "gtest/gtest.h"
#include <algorithm>
#include <string>
#include <vector>

using namespace weakify;

namespace {

Fact use(llvm::StringRef Subject, unsigned Line, llvm::StringRef Flag) {
  Fact F("weakify-owning-cache", "use", Subject);
  F.at(Location{"/src/a b.h", Line, 7});
  F.flag(Flag);
  return F;
}

/// Facts whose strings need every escape the format has.
FactSet awkwardFacts() {
  FactSet Set;
  Set.addUnit("/src/main file.cpp");
  Fact F("", "class", "c:@S@Odd");
  F.set("name", std::string("a b\\c\nd\te\rf") + '\0' + "g\xff");
  F.set("empty-looking", "\\e");
  F.Edits.push_back(Edit{Location{"/src/x.h", 3, 1}, 0, "#include <w>\n"});
  F.Edits.push_back(Edit{Location{"/src/x.h", 9, 5}, 12, ""});
  Set.add(F);
  Set.add(use("c:@S@Loader@FI@Cache", 10, "insert"));
  Set.add(Fact("", "entry-point", "/src/main file.cpp"));
  Set.finish();
  return Set;
}

std::vector<Fact> factsOf(const FactSet &Set) {
  return std::vector<Fact>(Set.all().begin(), Set.all().end());
}

TEST(FactsFormat, RoundTripKeepsEveryByte) {
  FactSet Original = awkwardFacts();
  std::string Bytes = writeFacts(Original);
  FactSet Read;
  FactsReadResult R = readFacts(Bytes, "mem", Read);
  Read.finish();
  EXPECT_EQ(R.Documents, 1u);
  EXPECT_TRUE(R.Problems.empty());
  EXPECT_EQ(factsOf(Read), factsOf(Original));
  EXPECT_EQ(Read.units(), Original.units());
  EXPECT_EQ(writeFacts(Read), Bytes);
}

TEST(FactsFormat, SameFactsSameBytesWhateverTheOrder) {
  FactSet A, B;
  A.addUnit("/u.cpp");
  B.addUnit("/u.cpp");
  std::vector<Fact> Facts = {use("x", 1, "lookup"), use("y", 2, "insert"),
                             use("x", 3, "removal")};
  for (const Fact &F : Facts)
    A.add(F);
  std::reverse(Facts.begin(), Facts.end());
  for (const Fact &F : Facts)
    B.add(F);
  A.finish();
  B.finish();
  EXPECT_EQ(writeFacts(A), writeFacts(B));
}

TEST(FactsFormat, MergesInAnyOrderAndCountsAFactOnce) {
  auto unit = [](llvm::StringRef Name, std::vector<Fact> Facts) {
    FactSet Set;
    Set.addUnit(Name);
    for (Fact &F : Facts)
      Set.add(std::move(F));
    Set.finish();
    return writeFacts(Set);
  };
  // The header's fact comes from two units.
  std::string U1 =
      unit("/a.cpp", {use("x", 1, "insert"), use("h", 9, "lookup")});
  std::string U2 = unit("/b.cpp", {use("h", 9, "lookup")});
  std::string U3 = unit("/c.cpp", {use("x", 5, "removal")});
  std::vector<std::vector<std::string>> Orders = {
      {U1, U2, U3}, {U3, U2, U1}, {U2, U1, U3}};
  std::string First;
  for (const auto &Order : Orders) {
    FactSet Merged;
    for (const std::string &Doc : Order)
      readFacts(Doc, "mem", Merged);
    Merged.finish();
    EXPECT_EQ(Merged.size(), 3u);
    EXPECT_EQ(Merged.units().size(), 3u);
    std::string Bytes = writeFacts(Merged);
    if (First.empty())
      First = Bytes;
    EXPECT_EQ(Bytes, First);
  }
}

TEST(FactsFormat, ReadsConcatenatedPaddedDocuments) {
  std::string Doc = writeFacts(awkwardFacts());
  std::string Section = Doc + std::string(5, '\0') + Doc + std::string(3, '\0');
  FactSet Read;
  FactsReadResult R = readFacts(Section, "obj.o", Read);
  EXPECT_EQ(R.Documents, 2u);
  EXPECT_TRUE(R.Problems.empty());
}

TEST(FactsFormat, SkipsDamagedTruncatedAndForeignDocuments) {
  std::string Good = writeFacts(awkwardFacts());
  std::string Damaged = Good;
  Damaged[Damaged.size() - 3] ^= 1;
  std::string Foreign = Good;
  Foreign.replace(0, std::string("weakify-facts 1").size(), "weakify-facts 7");
  std::string Truncated = Good.substr(0, Good.size() / 2);

  FactSet Read;
  FactsReadResult R =
      readFacts(Damaged + Foreign + Good + Truncated, "lib.a(x.o)", Read);
  EXPECT_EQ(R.Documents, 1u);
  ASSERT_EQ(R.Problems.size(), 3u);
  EXPECT_NE(R.Problems[0].find("lib.a(x.o): damaged weakify facts (checksum"),
            std::string::npos);
  EXPECT_NE(R.Problems[1].find("format version 7, but this weakify reads "
                               "version 1"),
            std::string::npos);
  EXPECT_NE(R.Problems[2].find("truncated weakify facts"), std::string::npos);
}

TEST(FactsFormat, GarbageIsAProblemNotACrash) {
  for (std::string Bytes :
       {std::string("weakify-facts "), std::string("weakify-facts 1 x y\n"),
        std::string("weakify-facts 1 99999999999999999999 0\n"),
        std::string("not facts at all"), std::string("\0\0\0", 3)}) {
    FactSet Read;
    FactsReadResult R = readFacts(Bytes, "junk", Read);
    EXPECT_EQ(R.Documents, 0u) << Bytes;
    for (const std::string &Problem : R.Problems)
      EXPECT_EQ(Problem.find("version 1, but"), std::string::npos) << Problem;
  }
}

TEST(FactSet, AnswersByKindAndSubject) {
  FactSet Set;
  Set.add(use("x", 3, "insert"));
  Set.add(use("x", 1, "lookup"));
  Set.add(use("y", 2, "lookup"));
  Set.add(Fact("weakify-owning-cache", "candidate", "x"));
  Set.finish();
  EXPECT_EQ(Set.ofKind("weakify-owning-cache", "use").size(), 3u);
  llvm::ArrayRef<Fact> OfX = Set.about("weakify-owning-cache", "use", "x");
  ASSERT_EQ(OfX.size(), 2u);
  EXPECT_EQ(OfX[0].Loc.Line, 1u); // In source order.
  EXPECT_TRUE(Set.first("weakify-owning-cache", "candidate", "x"));
  EXPECT_FALSE(Set.first("weakify-owning-cache", "candidate", "y"));
  EXPECT_TRUE(Set.about("weakify-self-capture", "use", "x").empty());
}

TEST(Location, EncodesIntoOneAttribute) {
  Location L{"/src/with:colon.h", 12, 34};
  EXPECT_EQ(decodeLocation(encodeLocation(L)), L);
  EXPECT_FALSE(decodeLocation("").valid());
  EXPECT_FALSE(decodeLocation("x:y:/f").valid());
}

} // namespace
