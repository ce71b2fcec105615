"use client";

import { useFormContext } from "react-hook-form";
import type { WizardValues } from "./form";

const OPTIONS = [
  {
    value: "azure",
    title: "Experience Platform on Azure",
    body: "Most organisations. AEP signs in to your bucket with an access key id and secret (optionally a temporary session token) that you give it.",
  },
  {
    value: "aws",
    title: "Experience Platform on AWS",
    body: "AEP reads your bucket with its own IAM role. You share no keys: you add a bucket policy that lets AEP's role read one folder.",
  },
] as const;

export function StepPlatform() {
  const { register, formState } = useFormContext<WizardValues>();
  const error = formState.errors.platform?.message;
  return (
    <fieldset aria-describedby={error ? "platform-error" : undefined}>
      <legend className="mb-3 text-base font-semibold">Where does your Experience Platform run?</legend>
      <div className="grid gap-3 md:grid-cols-2">
        {OPTIONS.map((option) => (
          <label key={option.value} className="flex cursor-pointer gap-3 rounded-lg border border-slate-300 bg-white p-4 has-[:checked]:border-blue-700 has-[:checked]:ring-2 has-[:checked]:ring-blue-200">
            <input type="radio" value={option.value} className="mt-1" {...register("platform")} />
            <span>
              <span className="block font-medium">{option.title}</span>
              <span className="mt-1 block text-sm text-slate-600">{option.body}</span>
            </span>
          </label>
        ))}
      </div>
      {error ? (
        <p id="platform-error" role="alert" className="mt-2 text-sm font-medium text-red-700">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
