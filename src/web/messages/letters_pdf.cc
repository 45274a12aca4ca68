// The letters waiting to be posted as one PDF to print (message_routes.h): a letter a page, each
// with the council's name, the person's name and address, the date, the subject and the message
// as it was kept, and the reference to quote.
#include "domain/people/person.h"
#include "web/messages/message_routes.h"
#include "web/pages/pdf_document.h"

namespace selfdirect::web {
namespace {

void AddLetter(PdfDocument& doc, const std::string& council, const app::OutboxItem& i) {
  const auto& m = i.copy.message;
  const bool person = i.person.id.valid();
  doc.SmallPrint(council + "\nAdult social care");
  doc.Space(28);
  const std::string name =
      person ? i.person.details.given_name + " " + i.person.details.family_name : "";
  doc.Paragraph(name.empty() ? i.copy.delivery.address : name + "\n" + i.copy.delivery.address);
  doc.Space(20);
  doc.Paragraph(m.created_at.LondonDate().ToLongString());
  doc.Heading(m.subject);
  doc.Paragraph(m.body);
  doc.Space(16);
  doc.SmallPrint((person ? "Please quote " + domain::PersonReference(i.person.id) + ". " : "") +
                 "Letter " + i.copy.delivery.id.ToString() + ".");
}

}  // namespace

Response MessageRoutes::LettersPdf(Context& ctx) {
  auto items = messages_.Outstanding(ctx.call, *ctx.principal);
  if (!items.ok()) return ErrorResponse(items.error(), ctx);
  PdfDocument doc("Letters to post");
  int letters = 0;
  for (const auto& i : *items) {
    if (i.copy.delivery.channel != domain::Delivery::kLetter) continue;
    doc.NewPage();
    AddLetter(doc, options_.council.name, i);
    ++letters;
  }
  if (letters == 0) doc.Paragraph("No letters are waiting to be posted.");
  return Attachment(doc.Finish(), "application/pdf", "letters-to-post.pdf");
}

}  // namespace selfdirect::web
