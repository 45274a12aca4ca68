// File: message_routes.h
// Messages on the web (issue 23, deliver 4; the use cases in app/messages/message_service.h): a
// person's notification centre and each message, the choice of email or letters only, the
// person page's "Messages" part, the staff's letters to post, and the JSON API.
#pragma once

#include <string>
#include <vector>

#include "app/messages/message_service.h"
#include "web/person_section.h"
#include "web/route_module.h"

namespace selfdirect::web {

class MessageRoutes final : public RouteModule, public PersonSection {
 public:
  explicit MessageRoutes(const SiteEnv& env)
      : RouteModule(env), messages_(env.store, env.clock, env.audit, "") {}

  app::MessageService& service() { return messages_; }
  void AddSchemas(boost::json::object& schemas) const override;
  void AddHomeLinks(Context& ctx, std::vector<HomeLink>& out) override;
  void AddPersonSection(ViewData& page, Context& ctx, const app::PersonFile& file) override;

 private:
  void AddPageRoutes() override;
  void AddApiRoutes() override;

  // message_pages.cc
  Response CentrePage(Context& ctx);
  Response RenderCentre(Context& ctx, PersonId person, const std::vector<FieldError>& errors);
  Response MessagePage(Context& ctx);
  Response ChooseSubmit(Context& ctx);
  Response OutboxPage(Context& ctx);
  Response PostedSubmit(Context& ctx);
  Response LettersPdf(Context& ctx);  // letters_pdf.cc
  // message_api.cc
  Response ApiCentre(Context& ctx);
  Response ApiMessage(Context& ctx);
  Response ApiChoose(Context& ctx);
  Response ApiOutbox(Context& ctx);
  Response ApiPosted(Context& ctx);

  app::MessageService messages_;
};

// "Emailed to a@b.org on 4 December 2026", "Letter waiting to be posted", ...
std::string CopyText(const app::DeliveryRecord& d);

}  // namespace selfdirect::web
