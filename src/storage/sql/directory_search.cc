#include "storage/sql/directory_search.h"

#include "storage/sql/query.h"

namespace selfdirect::storage {
namespace {

// The full-text condition's argument: FTS5 wants `"lunch"* "club"*` (every word, as a prefix);
// PostgreSQL `lunch:* & club:*`. Words are lower-case letters and digits (domain::QueryWords), so
// neither needs escaping.
std::string FullTextQuery(Dialect d, const std::vector<std::string>& words) {
  std::string q;
  for (const auto& w : words) {
    if (!q.empty()) q += d == Dialect::kSqlite ? " " : " & ";
    q += d == Dialect::kSqlite ? "\"" + w + "\"*" : w + ":*";
  }
  return q;
}

// The matches drive the join (CROSS JOIN fixes SQLite's join order): otherwise the planner walks
// every entry of the council and runs the MATCH once per entry. Wraps the MATCH placeholder.
constexpr std::string_view kSqliteMatchFrom[] = {
    "(SELECT rowid AS entry, rank AS relevance FROM directory_search WHERE directory_search MATCH ",
    ") f CROSS JOIN directory_entries e ON f.entry = e.directory_entry_id"};

constexpr std::string_view kAnyTerm =
    "EXISTS (SELECT 1 FROM directory_entry_terms t WHERE t.council_id = e.council_id AND "
    "t.directory_entry_id = e.directory_entry_id AND t.term_id IN (";

constexpr std::string_view kAnySession =
    "EXISTS (SELECT 1 FROM directory_sessions s WHERE s.council_id = e.council_id AND "
    "s.directory_entry_id = e.directory_entry_id";

constexpr std::string_view kJoinPlaces =
    " JOIN directory_places p ON p.council_id = e.council_id AND p.directory_entry_id = "
    "e.directory_entry_id";

// Writes a search's statements in steps: each step adds to the FROM clause, the conditions and
// the parameters, in the order that numbers the parameters.
class DirectorySearchWriter {
 public:
  DirectorySearchWriter(Dialect dialect, CouncilId council, const app::DirectoryQuery& q)
      : dialect_(dialect), q_(q), params_{council.value()} {}

  DirectorySearchSql Write() {
    MatchWords();
    FilterTerms();
    FilterAges();
    FilterSessions();
    FilterEntries();
    FilterPlaces();
    const std::string hits = Hits();
    return {Page(hits), Count(hits), params_.values()};
  }

 private:
  std::string Param(SqlValue v) { return params_.Add(std::move(v)); }

  // Every word, as the start of a word of the entry; relevance, lower is better.
  void MatchWords() {
    if (q_.words.empty()) return;
    const std::string match = Param(FullTextQuery(dialect_, q_.words));
    if (dialect_ == Dialect::kSqlite) {
      from_ = std::string(kSqliteMatchFrom[0]) + match + std::string(kSqliteMatchFrom[1]);
      relevance_ = "f.relevance";
    } else {
      where_.push_back("e.search_vector @@ to_tsquery('simple', " + match + ")");
      relevance_ = "-ts_rank(e.search_vector, to_tsquery('simple', " + match + "))";
    }
  }

  void FilterTerms() {
    if (q_.term_ids.empty()) return;
    where_.push_back(std::string(kAnyTerm) + params_.AddEach(q_.term_ids) + "))");
  }

  void FilterAges() {
    if (q_.minimum_age_at_least) {
      where_.push_back("e.minimum_age >= " + Param(int64_t{*q_.minimum_age_at_least}));
    }
    if (q_.maximum_age_at_most) {
      where_.push_back("e.maximum_age <= " + Param(int64_t{*q_.maximum_age_at_most}));
    }
    if (q_.age) {
      const std::string a = Param(int64_t{*q_.age});
      where_.push_back("(e.minimum_age IS NULL OR e.minimum_age <= " + a +
                       ") AND (e.maximum_age IS NULL OR e.maximum_age >= " + a + ")");
    }
  }

  void FilterSessions() {
    if (!q_.day && !q_.opens_from && !q_.closes_by) return;
    std::string c(kAnySession);
    if (q_.day) c += " AND s.day = " + Param(int64_t{*q_.day});
    if (q_.opens_from) c += " AND s.opens_at >= " + Param(int64_t{*q_.opens_from});
    if (q_.closes_by) c += " AND s.closes_at <= " + Param(int64_t{*q_.closes_by});
    where_.push_back(c + ")");
  }

  void FilterEntries() {
    if (q_.free_only) where_.push_back("e.is_free = 1");
    if (q_.active_only) where_.push_back("e.status = 'active'");
    if (q_.modified_after) {
      where_.push_back("e.last_modified >= " + Param(q_.modified_after->micros()));
    }
    if (!q_.review_due_before.empty()) {
      where_.push_back("e.review_due < " + Param(q_.review_due_before));
    }
  }

  // By place, or near a point: one row per place; near, only places within the distance.
  void FilterPlaces() {
    if (q_.near || q_.by_place) {
      from_ += kJoinPlaces;
      place_ = "p.service_at_location_id";
    }
    if (!q_.near) return;
    const domain::GeoBox box = domain::BoxAround(*q_.near, q_.within_metres);
    // With words, the matches drive and each one's places come by entry: the unary plus keeps
    // the planner off the point index, which would scan the whole box once per match.
    const std::string plus = q_.words.empty() ? "" : "+";
    where_.push_back(plus + "p.latitude_e6 BETWEEN " + Param(box.min_latitude_e6) + " AND " +
                     Param(box.max_latitude_e6));
    where_.push_back(plus + "p.longitude_e6 BETWEEN " + Param(box.min_longitude_e6) + " AND " +
                     Param(box.max_longitude_e6));
    // domain::FlatDistanceSquared, written out.
    const domain::FlatMeasure m = domain::FlatMeasureAround(*q_.near, q_.within_metres);
    const std::string lat = Param(q_.near->latitude_e6), lon = Param(q_.near->longitude_e6),
                      cos = Param(m.cos_e6);
    distance_ = "((p.latitude_e6 - " + lat + ") * (p.latitude_e6 - " + lat +
                ") + ((p.longitude_e6 - " + lon + ") * " + cos +
                " / 1000000) * ((p.longitude_e6 - " + lon + ") * " + cos + " / 1000000))";
    where_.push_back(distance_ + " <= " + Param(m.radius_squared));
  }

  // Near and not by place, each service's nearest place only (the others have nth > 1).
  bool NearestOnly() const { return q_.near && !q_.by_place; }

  // Every hit, unordered, with what the order needs.
  std::string Hits() const {
    std::string sql =
        "SELECT e.directory_entry_id AS entry, e.service_id AS service_id, " + place_ +
        " AS place, e.review_due AS review_due, e.last_modified AS last_modified, " +
        (q_.near ? "p.latitude_e6" : "0") + " AS lat, " + (q_.near ? "p.longitude_e6" : "0") +
        " AS lon, e.name AS name, " + (distance_.empty() ? "0" : distance_) + " AS distance, " +
        (relevance_.empty() ? "0" : relevance_) + " AS relevance";
    if (NearestOnly()) {
      sql += ", ROW_NUMBER() OVER (PARTITION BY e.directory_entry_id ORDER BY " + distance_ +
             ", p.service_at_location_id) AS nth";
    }
    sql += " FROM " + from_ + " WHERE ";
    for (size_t i = 0; i < where_.size(); ++i) sql += (i ? " AND " : "") + where_[i];
    return sql;
  }

  std::string Page(const std::string& hits) const {
    std::string sql =
        "SELECT entry, service_id, place, review_due, last_modified, lat, lon, "
        "COUNT(*) OVER () FROM (" +
        hits + ") x";
    if (NearestOnly()) sql += " WHERE nth = 1";
    sql += " ORDER BY ";
    if (q_.near) sql += "distance, ";
    if (!relevance_.empty()) sql += "relevance, ";
    // Whole numbers from the caller, written in place, so the count shares the params.
    sql += "name, service_id, place LIMIT " + std::to_string(q_.limit) + " OFFSET " +
           std::to_string(q_.offset);
    return sql;
  }

  std::string Count(const std::string& hits) const {
    std::string sql = "SELECT COUNT(*) FROM (" + hits + ") x";
    if (NearestOnly()) sql += " WHERE nth = 1";
    return sql;
  }

  const Dialect dialect_;
  const app::DirectoryQuery& q_;
  SqlParams params_;
  std::string from_ = "directory_entries e";
  std::vector<std::string> where_ = {"e.council_id = $1"};
  std::string relevance_;  // Lower is better; empty without words.
  std::string place_ = "''";
  std::string distance_;  // domain::FlatDistanceSquared; empty unless near.
};

}  // namespace

DirectorySearchSql DirectorySearchStatements(Dialect dialect, CouncilId council,
                                             const app::DirectoryQuery& q) {
  return DirectorySearchWriter(dialect, council, q).Write();
}

}  // namespace selfdirect::storage
