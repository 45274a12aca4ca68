// The council's own settings (migration 0030).
#include "storage/sql/settings_repository.h"

namespace selfdirect::storage {
namespace {

app::StoredSetting SettingFromRow(const SqlRow& r) {
  app::StoredSetting s;
  s.kind = r.Text(0);
  s.effective_from = OptionalDate(r, 1).value_or(Date());
  s.values_json = r.Text(2);
  s.note = r.Text(3);
  if (!r.IsNull(4)) s.created_by = UserId{r.Int(4)};
  s.created_at = Timestamp::FromMicros(r.Int(5));
  return s;
}
constexpr Columns<app::StoredSetting> kSetting{
    "kind, effective_from, values_json, note, created_by_user_id, created_at", SettingFromRow};

}  // namespace

Status SqlSettings::Insert(const app::StoredSetting& s) {
  SD_ASSIGN_OR_RETURN(bool exists,
                      AnyRow(c_,
                             "SELECT 1 FROM council_settings WHERE council_id = $1 AND kind = $2 "
                             "AND effective_from = $3",
                             {council_.value(), s.kind, s.effective_from.ToString()}));
  if (exists)
    return Error::AlreadyExists("The council already has these settings from " +
                                s.effective_from.ToLongString());
  return Execute(c_,
                 "INSERT INTO council_settings (council_id, kind, effective_from, values_json, "
                 "note, created_by_user_id, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                 {council_.value(), s.kind, s.effective_from.ToString(), s.values_json, s.note,
                  SqlOptionalId(s.created_by.value()), s.created_at.micros()});
}

Result<std::vector<app::StoredSetting>> SqlSettings::List(const std::string& kind) {
  return QueryAll(c_, kSetting,
                  "FROM council_settings WHERE council_id = $1 AND kind = $2 "
                  "ORDER BY effective_from",
                  {council_.value(), kind});
}

}  // namespace selfdirect::storage
