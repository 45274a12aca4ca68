#include "domain/charging/evidence_file.h"

#include <gtest/gtest.h>

namespace selfdirect::domain {
namespace {

TEST(DetectEvidenceFile, ReadsTheTypeFromTheFileNotItsName) {
  EXPECT_EQ(DetectEvidenceFile("%PDF-1.7\n..."), EvidenceFileType::kPdf);
  EXPECT_EQ(DetectEvidenceFile("\xFF\xD8\xFF\xE0rest"), EvidenceFileType::kJpeg);
  EXPECT_EQ(DetectEvidenceFile(std::string_view("\x89PNG\r\n\x1A\n....", 12)),
            EvidenceFileType::kPng);
  EXPECT_FALSE(DetectEvidenceFile("<html><script>alert(1)</script>"));
  EXPECT_FALSE(DetectEvidenceFile("MZ\x90\x00"));
  EXPECT_FALSE(DetectEvidenceFile(""));
  EXPECT_EQ(EvidenceFileMediaType(EvidenceFileType::kPng), "image/png");
}

TEST(SafeFileName, KeepsOnlyAPlainName) {
  EXPECT_EQ(SafeFileName("C:\\Users\\me\\bank statement (May).pdf"), "bank statement (May).pdf");
  EXPECT_EQ(SafeFileName("../../etc/passwd"), "passwd");
  EXPECT_EQ(SafeFileName("..hidden"), "hidden");
  EXPECT_EQ(SafeFileName("<script>.pdf"), "script.pdf");
  EXPECT_EQ(SafeFileName("\"\";"), "document");
  EXPECT_EQ(SafeFileName(std::string(300, 'a')).size(), 100u);
}

}  // namespace
}  // namespace selfdirect::domain
