#include "data/seed_data.hpp"

#include <algorithm>
#include <iterator>
#include <optional>
#include <string>

namespace hub::data::seed {
namespace {

// One person, as written below; SeedUser is built from it.
struct Person {
  std::string_view role{};
  std::string_view given_name{};
  std::string_view family_name{};
  std::string_view email{};
  std::string_view country{};
  std::string_view organisation{};
  std::string_view job_title{};
  std::string_view bio{};
  std::vector<std::string> expertise{};
  std::vector<std::string> languages{};
  std::string_view joined{};  // created_at
  std::string_view language{};
  std::string_view timezone{};
  std::string_view theme = "system";
  std::string_view digest = "weekly";
  bool email_notifications = true;
};

// 2 admins, 3 editors, 7 members from the eight member states.
const std::vector<Person>& people() {
  static const std::vector<Person> all{
      {.role = "admin",
       .given_name = "Hodan",
       .family_name = "Abdi Farah",
       .email = "hodan.farah@igad.example",
       .country = "DJ",
       .organisation = "IGAD Secretariat",
       .job_title = "Digital Platforms Officer",
       .bio = "Runs the Innovation Hub's member services and onboarding across the region.",
       .expertise = {"digital platforms", "knowledge management", "regional integration"},
       .languages = {"so", "fr", "en", "ar"},
       .joined = "2026-09-01T06:30:00Z",
       .language = "fr",
       .timezone = "Africa/Djibouti",
       .digest = "daily"},
      {.role = "admin",
       .given_name = "Grace",
       .family_name = "Wanjiru Kamau",
       .email = "grace.kamau@icpac.example",
       .country = "KE",
       .organisation = "IGAD Climate Prediction and Applications Centre (ICPAC)",
       .job_title = "Knowledge Management Lead",
       .bio = "Connects climate scientists with the communities and ministries that use their forecasts.",
       .expertise = {"climate services", "knowledge management", "drought early warning"},
       .languages = {"en", "sw", "ki"},
       .joined = "2026-09-01T07:05:12Z",
       .language = "en",
       .timezone = "Africa/Nairobi",
       .digest = "daily"},
      {.role = "editor",
       .given_name = "Daniel",
       .family_name = "Tesfaye Bekele",
       .email = "daniel.bekele@eiar.example",
       .country = "ET",
       .organisation = "Ethiopian Institute of Agricultural Research",
       .job_title = "Senior Researcher, Dryland Agriculture",
       .bio = "Works on drought-tolerant sorghum and teff varieties with farmer cooperatives in Afar and "
              "Somali regions.",
       .expertise = {"climate resilience", "agritech", "dryland farming"},
       .languages = {"am", "om", "en"},
       .joined = "2026-09-03T05:48:51Z",
       .language = "am",
       .timezone = "Africa/Addis_Ababa"},
      {.role = "editor",
       .given_name = "Fatima",
       .family_name = "Osman Elhassan",
       .email = "fatima.elhassan@uofk.example",
       .country = "SD",
       .organisation = "University of Khartoum",
       .job_title = "Lecturer, Water Resources Engineering",
       .bio = "Studies small-scale irrigation and groundwater recharge along the Nile and in Kordofan.",
       .expertise = {"water", "irrigation", "climate resilience"},
       .languages = {"ar", "en"},
       .joined = "2026-09-04T10:15:27Z",
       .language = "ar",
       .timezone = "Africa/Khartoum",
       .theme = "dark"},
      {.role = "editor",
       .given_name = "Brenda",
       .family_name = "Akello",
       .email = "brenda.akello@mak.example",
       .country = "UG",
       .organisation = "Makerere University School of Public Health",
       .job_title = "Research Fellow, Digital Health",
       .bio = "Builds SMS-based disease surveillance tools with district health teams.",
       .expertise = {"health", "digital health", "data science"},
       .languages = {"en", "lg", "sw"},
       .joined = "2026-09-08T08:22:03Z",
       .language = "en",
       .timezone = "Africa/Kampala"},
      {.role = "member",
       .given_name = "Mohamed",
       .family_name = "Abdirahman Hassan",
       .email = "mohamed.hassan@sodma.example",
       .country = "SO",
       .organisation = "Somali Disaster Management Agency",
       .job_title = "Early Warning Analyst",
       .bio = "Turns rainfall, market and displacement data into drought alerts for district authorities.",
       .expertise = {"drought early warning", "humanitarian data", "climate resilience"},
       .languages = {"so", "ar", "en"},
       .joined = "2026-09-12T11:37:45Z",
       .language = "so",
       .timezone = "Africa/Mogadishu"},
      {.role = "member",
       .given_name = "Deng",
       .family_name = "Garang Mabior",
       .email = "deng.mabior@mafs.example",
       .country = "SS",
       .organisation = "Ministry of Agriculture and Food Security, South Sudan",
       .job_title = "Livestock Extension Officer",
       .bio = "Supports cattle-keeping communities in Jonglei with vaccination campaigns and market "
              "information.",
       .expertise = {"pastoralism", "livestock", "food security"},
       .languages = {"en", "din", "ar"},
       .joined = "2026-09-19T07:10:58Z",
       .language = "en",
       .timezone = "Africa/Juba",
       .digest = "off",
       .email_notifications = false},
      {.role = "member",
       .given_name = "Senait",
       .family_name = "Ghebremedhin",
       .email = "senait.ghebremedhin@hac.example",
       .country = "ER",
       .organisation = "Hamelmalo Agricultural College",
       .job_title = "Assistant Lecturer, Animal Science",
       .bio = "Researches camel and goat health in the lowlands and trains community animal health workers.",
       .expertise = {"pastoralism", "animal health"},
       .languages = {"ti", "ar", "en"},
       .joined = "2026-09-23T13:44:19Z",
       .language = "en",
       .timezone = "Africa/Asmara"},
      {.role = "member",
       .given_name = "Kevin",
       .family_name = "Otieno Ochieng",
       .email = "kevin.ochieng@shambaledger.example",
       .country = "KE",
       .organisation = "Shamba Ledger",
       .job_title = "Co-founder and CTO",
       .bio = "Builds mobile-money credit scoring for smallholder farmers and their cooperatives.",
       .expertise = {"fintech", "mobile money", "agritech"},
       .languages = {"en", "sw", "luo"},
       .joined = "2026-10-02T16:03:36Z",
       .language = "sw",
       .timezone = "Africa/Nairobi",
       .theme = "dark"},
      {.role = "member",
       .given_name = "Ayan",
       .family_name = "Houssein Omar",
       .email = "ayan.omar@cerd.example",
       .country = "DJ",
       .organisation = "Centre d'Études et de Recherche de Djibouti",
       .job_title = "Researcher, Renewable Energy",
       .bio = "Designs solar-powered desalination and pumping for rural water points.",
       .expertise = {"renewable energy", "water", "climate resilience"},
       .languages = {"fr", "so", "ar"},
       .joined = "2026-10-09T09:26:14Z",
       .language = "fr",
       .timezone = "Africa/Djibouti",
       .theme = "light"},
      {.role = "member",
       .given_name = "Joseph",
       .family_name = "Mukasa",
       .email = "joseph.mukasa@unma.example",
       .country = "UG",
       .organisation = "Uganda National Meteorological Authority",
       .job_title = "Climate Data Scientist",
       .bio = "Downscales seasonal forecasts for the cattle corridor and publishes them as open data.",
       .expertise = {"drought early warning", "climate data", "machine learning"},
       .languages = {"en", "lg"},
       .joined = "2026-10-16T06:51:40Z",
       .language = "en",
       .timezone = "Africa/Kampala"},
      {.role = "member",
       .given_name = "Meron",
       .family_name = "Alemu Desta",
       .email = "meron.desta@prne.example",
       .country = "ET",
       .organisation = "Pastoral Resilience Network Ethiopia",
       .job_title = "Programme Manager, Water and Livelihoods",
       .bio = "Leads community water-point and rangeland projects with pastoralist women's groups in Borana.",
       .expertise = {"water", "pastoralism", "gender and inclusion"},
       .languages = {"am", "om", "en"},
       .joined = "2026-10-27T12:18:05Z",
       .language = "am",
       .timezone = "Africa/Addis_Ababa"},
  };
  return all;
}

models::ActivityEntry activity(std::string_view id, std::string_view action, std::string_view occurred_at,
                               std::string_view summary, std::optional<std::string> target = std::nullopt) {
  models::ActivityEntry entry;
  entry.id = id;
  entry.action = action;
  entry.occurred_at = occurred_at;
  entry.summary = std::string{summary};
  entry.target = std::move(target);
  return entry;
}

// Feedback ids, also the targets of the activity that mentions them.
constexpr std::string_view kDroughtMapFeedback = "01M482KKWGYPNTBY15VX1P9531";
constexpr std::string_view kDirectoryFilterFeedback = "01M4X89SWR0R2J6JB69B1SGS0K";
constexpr std::string_view kPhotoUploadFeedback = "01M77SCZP8M5TP3D45APA7XG00";

// Each entry with the email of the user who did it.
struct Done {
  std::string_view email;
  models::ActivityEntry entry;
};

const std::vector<Done>& all_activity() {
  static const std::vector<Done> all{
      {"hodan.farah@igad.example",
       activity("01M4DFE7C8211VJPVS84PJ96TX", "feedback.status_changed", "2026-10-08T10:02:45Z",
                "Moved feedback from new to resolved", std::string{kDroughtMapFeedback})},
      {"grace.kamau@icpac.example", activity("01M1H24980JS67AQ3QRYMB5Y8P", "preferences.updated",
                                             "2026-09-02T12:40:00Z", "Switched the digest to daily")},
      {"grace.kamau@icpac.example",
       activity("01M7A2BXF0HMKN1MG72B2HG21J", "profile.updated", "2026-11-13T09:03:40Z",
                "Added expertise: drought early warning")},
      {"daniel.bekele@eiar.example", activity("01M2J1ZXB8J09GFZSFRC1AK3ZC", "profile.updated",
                                              "2026-09-15T08:12:33Z", "Added expertise: dryland farming")},
      {"brenda.akello@mak.example", activity("01M5FH5J683R07DB64R8YAEHZ6", "profile.updated",
                                             "2026-10-21T15:27:09Z", "Updated the job title")},
      {"mohamed.hassan@sodma.example",
       activity("01M482KKWGZG3YH0819A2SKWT6", "feedback.submitted", "2026-10-06T07:42:18Z", "Reported a bug",
                std::string{kDroughtMapFeedback})},
      {"kevin.ochieng@shambaledger.example",
       activity("01M4X89SWRK12P6GSQ5MB8Z0JE", "feedback.submitted", "2026-10-14T13:05:51Z",
                "Suggested an idea", std::string{kDirectoryFilterFeedback})},
      {"deng.mabior@mafs.example",
       activity("01M77SCZP8WGEVBSMAERACVTFV", "feedback.submitted", "2026-11-12T11:48:29Z", "Reported a bug",
                std::string{kPhotoUploadFeedback})},
  };
  return all;
}

std::vector<models::ActivityEntry> activity_of(std::string_view email) {
  std::vector<models::ActivityEntry> entries;
  for (const auto& done : all_activity()) {
    if (done.email == email) entries.push_back(done.entry);
  }
  return entries;
}

SeedUser seed_user(const Person& person) {
  SeedUser user;
  auto& p = user.profile;
  p.email = person.email;
  p.given_name = std::string{person.given_name};
  p.family_name = std::string{person.family_name};
  p.display_name = std::string{person.given_name} + " " + std::string{person.family_name};
  p.organisation = std::string{person.organisation};
  p.job_title = std::string{person.job_title};
  p.country = std::string{person.country};
  p.bio = std::string{person.bio};
  p.expertise = person.expertise;
  p.languages = person.languages;
  p.created_at = person.joined;
  p.updated_at = person.joined;
  auto& prefs = user.preferences;
  prefs.language = person.language;
  prefs.timezone = person.timezone;
  prefs.theme = person.theme;
  prefs.notifications.email = person.email_notifications;
  prefs.notifications.digest = person.digest;
  prefs.updated_at = person.joined;
  user.roles = {std::string{person.role}};
  user.activity = activity_of(person.email);
  return user;
}

SeedFeedback feedback(std::string_view author, std::string_view id, std::string_view created_at,
                      std::string_view category, std::string_view message, std::optional<std::int64_t> rating,
                      std::string_view page) {
  SeedFeedback seeded;
  seeded.author_email = author;
  auto& f = seeded.feedback;
  f.id = id;
  f.category = category;
  f.message = message;
  f.rating = rating;
  f.page = std::string{page};
  f.created_at = created_at;
  f.updated_at = created_at;
  return seeded;
}

SeedFeedback reviewed(SeedFeedback seeded, std::string_view status, std::string_view note,
                      std::string_view updated_at) {
  seeded.feedback.status = status;
  seeded.feedback.admin_note = std::string{note};
  seeded.feedback.updated_at = updated_at;
  return seeded;
}

std::vector<SeedFeedback> all_feedback() {
  return {
      reviewed(
          feedback("mohamed.hassan@sodma.example", kDroughtMapFeedback, "2026-10-06T07:42:18Z", "bug",
                   "The drought bulletin map stays blank on a slow 3G connection in Garowe, even after a "
                   "minute.",
                   3, "/resources/drought-bulletins"),
          "resolved", "Map tiles now load progressively; confirmed working on 3G.", "2026-10-08T10:02:45Z"),
      reviewed(feedback("kevin.ochieng@shambaledger.example", kDirectoryFilterFeedback,
                        "2026-10-14T13:05:51Z", "idea",
                        "A directory filter for fintech and mobile-money expertise would help startups find "
                        "partners across the region.",
                        4, "/users"),
               "in_review", "Planned with the directory search work.", "2026-10-20T08:30:00Z"),
      feedback("fatima.elhassan@uofk.example", "01M63FZCVRC61H86PR9FATXEYY", "2026-10-29T09:31:07Z",
               "question",
               "Can members describe shared datasets in Arabic, or should descriptions be in English only?",
               std::nullopt, "/resources/new"),
      feedback(
          "senait.ghebremedhin@hac.example", "01M6H3D0V08546GVHZSE6A3FS1", "2026-11-03T16:20:44Z", "praise",
          "Found two veterinary researchers in Ethiopia through the expert directory within a day. Thank "
          "you!",
          5, "/users"),
      reviewed(feedback("deng.mabior@mafs.example", kPhotoUploadFeedback, "2026-11-12T11:48:29Z", "bug",
                        "Uploading a profile photo taken on my phone fails with an error.", 2, "/profile"),
               "in_review", "Reproduced with HEIC images; conversion is being added.",
               "2026-11-13T07:15:00Z"),
      feedback("brenda.akello@mak.example", "01M7PQ3YA0NQS720F7T51VGAB9", "2026-11-18T06:57:12Z", "idea",
               "Please add Luganda to the interface languages; community health workers would use it.", 4,
               "/settings"),
      feedback("ayan.omar@cerd.example", "01M7WMTM104Z8RWJKH1X9NTSZX", "2026-11-20T14:12:36Z", "bug",
               "Les notifications par e-mail arrivent en anglais alors que ma langue est le français.", 3,
               "/settings/notifications"),
  };
}

}  // namespace

const DataSet& development_data_set() {
  static const DataSet data = [] {
    DataSet d;
    std::ranges::transform(people(), std::back_inserter(d.users), seed_user);
    d.feedback = all_feedback();
    return d;
  }();
  return data;
}

}  // namespace hub::data::seed
