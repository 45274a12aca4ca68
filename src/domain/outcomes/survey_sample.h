// File: survey_sample.h
// How many people a survey wave must hear from, how many to invite, and a stratified random sample
// of them (issue 22, ../shared/domain/rules.md 3.3). Pure: no I/O; the same seed draws the same
// sample on every machine.
//
// Sample size (rules.md 3.3, the carers' survey guidance and its worked example): for a margin of
// error c at 95% on a proportion p (0.5, the widest), the size for a population too large to
// matter is B = z^2 p (1 - p) / c^2, rounded up to whole people (385 at +/-5 points); with the
// finite-population correction the returns needed are M = B / (1 + (B - 1) / N). The guidance
// shows M to the nearest person (278 of 1,000) and rounds the questionnaires to send, M / the
// expected response rate, up (696 at 40%). The margin a number of returns n gives is
// z sqrt(p (1 - p) / n x (N - n) / (N - 1)) (900 sent at 40%: +/-4.1 points).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/result.h"
#include "domain/outcomes/survey_design.h"

namespace selfdirect::domain {

struct ReturnsNeeded {
  double exact = 0;     // M, before rounding.
  int64_t rounded = 0;  // M to the nearest person, as the guidance shows it.
};

// The returns needed from a population of `population` for a margin of `margin` (0.05 = 5
// points). kInvalidArgument for a population under 1 or a margin outside (0, 0.5].
Result<ReturnsNeeded> ReturnsFor(int64_t population, double margin = 0.05);

// Questionnaires to send for `returns` at `response_rate` (0 to 1], rounded up, and never more
// than the population.
int64_t QuestionnairesToSend(double returns, double response_rate, int64_t population);

// The margin of error (0.041 = 4.1 points) that `returns` from `population` give at 95%.
double MarginOfError(int64_t population, int64_t returns);

// The people of one stratum (client group x age band x management option, say) by their ids.
struct Stratum {
  std::string key;
  std::vector<int64_t> people;
};

struct StratumDraw {
  std::string key;
  int64_t population = 0;
  std::vector<int64_t> drawn;  // In the order drawn.
};

struct SampleDraw {
  ReturnsNeeded returns;
  int64_t to_send = 0;  // Questionnaires in all: the sum of the strata's draws.
  std::vector<StratumDraw> strata;
};

// Draws a stratified random sample sized so the expected returns (at `response_rate`) meet
// `margin` across the whole population, allocated to strata in proportion to their size (largest
// remainders, so the parts add up to the whole), at least two from every stratum of two or more
// (so that each stratum's variance can be estimated), and drawn without replacement within each
// stratum from `seed`. kInvalidArgument for no people, a duplicate stratum key or person, or a
// rate outside (0, 1].
Result<SampleDraw> DrawStratifiedSample(const std::vector<Stratum>& strata, double response_rate,
                                        double margin, uint64_t seed);

// A stratum's weight: its population over its respondents (rules.md 3.3); 0 when none responded.
double StratumWeight(int64_t population, int64_t respondents);

}  // namespace selfdirect::domain
