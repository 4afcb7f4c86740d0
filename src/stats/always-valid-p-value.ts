/**
 * Always-valid p-value of the mixture sequential probability ratio test
 * (mSPRT) for a difference in means, with a normal mixing distribution
 * N(0, τ²) over the effect (Robbins 1970; Johari, Koomen, Pekelis & Walsh
 * 2017, "Peeking at A/B Tests", KDD — the test behind Optimizely's Stats
 * Engine; Howard, Ramdas, McAuliffe & Sekhon 2021 for the confidence
 * sequences).
 *
 * For an estimate θ̂ ~ N(θ, V), the mixture likelihood ratio against θ = 0 is
 *
 *   Λ = √(V/(V + τ²)) · exp(θ̂²τ² / (2V(V + τ²))),
 *
 * a nonnegative martingale under H0 with mean 1, so by Ville's inequality
 * P(sup Λ >= 1/α) <= α: the p-value min(1, 1/Λ) may be monitored after every
 * look (use {@link sequentialTest} for the running minimum over looks) without
 * inflating the type I error. It is never below the fixed-horizon p-value of
 * the same data (1/Λ is itself a valid p-value decreasing in |θ̂|, and the
 * fixed-horizon one is the exact tail of that ordering). Computed in logs, so
 * tiny values do not underflow early.
 *
 * τ² is the prior variance of effects on the estimate's scale: choose it near
 * the squared smallest effect worth detecting. Larger τ² favours large
 * effects, smaller τ² small ones; the guarantee holds for any τ² fixed in
 * advance.
 *
 * @param estimate - θ̂, e.g. the difference in means (treatment − control)
 * @param variance - V = Var(θ̂), e.g. s₁²/n₁ + s₂²/n₂ at the current look
 * @param mixingVariance - τ² > 0
 * @returns the always-valid p-value at this look, in (0, 1]
 * @example
 * alwaysValidPValue(0.2, 0.0025, 0.01); // ≈ 0.00372 (the fixed-horizon p of z = 4 is 6.3e-5)
 */
export function alwaysValidPValue(estimate: number, variance: number, mixingVariance: number): number {
  if (!(variance > 0) || !(mixingVariance > 0) || !Number.isFinite(estimate)) return Number.NaN;
  const total = variance + mixingVariance;
  const logLikelihoodRatio =
    0.5 * Math.log(variance / total) + (estimate * estimate * mixingVariance) / (2 * variance * total);
  return Math.min(1, Math.exp(-logLikelihoodRatio));
}
