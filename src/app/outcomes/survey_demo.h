// File: survey_demo.h
// The demo generator's outcome survey step (app/demo.h): two waves of the budget holder survey,
// last year's (closed) and this year's (open), of about 1,500 responses each.
//
// The waves are drawn at the size of a whole council's caseload (about 4,000 people with a
// budget in 36 strata), not from the demo's own people, so that the statistics have the numbers a
// real council would have; this year's wave also invites the demo's own people with an agreed
// plan, so its letters can be issued and its links answered. The answers come from a model in
// which an easy process, having your views included, knowing the budget and easy information go
// with a better life overall (odds ratios near the Third National Personal Budget Survey's
// "nearly 3 times" and "nearly 2 times", rules.md 3.1), and this year's process is easier in
// places (getting the money, information and advice, finding out the budget).
#pragma once

#include "app/demo.h"

namespace selfdirect::app {

Status SurveysStep(DemoContext& ctx);
// This year's carers' survey (open, about 560 answers): the demo's last step, so that its random
// draws leave every earlier step's data as it was.
Status CarerSurveyStep(DemoContext& ctx);

// A closed wave of the budget holder survey, drawn from a council of `population` people with a
// budget, answered by about 37 in every 100 of them (80% sampled, 47% of those answer) from the
// same model: for benchmarks (bench/survey_seed.cc). Needs ctx.user_ids[kAnalyst].
Status AddSyntheticSurveyWave(DemoContext& ctx, const std::string& name, int64_t population);

}  // namespace selfdirect::app
