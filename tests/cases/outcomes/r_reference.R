# Reference figures for the outcomes fixtures, from R's survey package.
# Usage: Rscript r_reference.R FILE.csv STRATA CLUSTER|- OUTCOME PREDICTORS ITEMS
#   e.g. Rscript r_reference.R strata.csv stratum - good_outcome easy_process,views_included,in_control \
#          good_outcome,easy_process
# Prints one line per figure, every number with 17 significant digits:
#   n N
#   weighted_total X
#   coef TERM ESTIMATE STD_ERROR
#   prop ITEM PROPORTION STD_ERROR CI_LOW CI_HIGH
suppressMessages(library(survey))
args <- commandArgs(TRUE)
d <- read.csv(args[1], check.names = FALSE)
strata <- args[2]; cluster <- args[3]; outcome <- args[4]
predictors <- strsplit(args[5], ",")[[1]]; items <- strsplit(args[6], ",")[[1]]
ids <- if (cluster == "-") ~1 else as.formula(paste0("~`", cluster, "`"))
design <- svydesign(ids = ids, strata = as.formula(paste0("~`", strata, "`")),
                    weights = ~weight, data = d)
f <- function(x) sprintf("%.17g", x)
line <- function(...) cat(paste(...), "\n", sep = "")
line("n", nrow(d))
line("weighted_total", f(sum(d$weight)))
model <- svyglm(as.formula(paste(outcome, "~", paste(predictors, collapse = " + "))),
                design = design, family = quasibinomial())
est <- coef(model); se <- sqrt(diag(vcov(model)))
terms <- c("(intercept)", predictors)
for (j in seq_along(est)) line("coef", terms[j], f(est[j]), f(se[j]))
for (item in items) {
  m <- svymean(as.formula(paste0("~", item)), design)
  ci <- attr(svyciprop(as.formula(paste0("~", item)), design, method = "logit", df = Inf), "ci")
  line("prop", item, f(coef(m)[1]), f(SE(m)[1]), f(ci[1]), f(ci[2]))
}
