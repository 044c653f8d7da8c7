"""What the demo's residents write and officers reply: plausible words for every kind of case."""

from __future__ import annotations

GENERIC_DETAILS = (
    "Please can someone get back to me about this.",
    "I am reporting this on behalf of my elderly neighbour.",
    "This has been going on for a couple of weeks now.",
    "Details as given on the form.",
    "Please call me rather than email if you need more information.",
    "I would like to know what happens next and when.",
)

FOI_SUBJECTS = (
    "Spending on agency staff in the last three financial years",
    "Number of penalty charge notices issued in council car parks",
    "Empty homes and the empty homes premium",
    "Houses in multiple occupation licences issued and refused",
    "Council contracts with management consultants",
    "Fly-tipping incidents and fixed penalty notices by ward",
    "Temporary accommodation: households placed outside Oxford",
    "Council housing stock: damp and mould reports and repairs",
    "Staff sickness absence by directorate",
    "Cyber security incidents and ransomware",
    "Cost of the council's use of social media advertising",
    "Number of residents on the housing register by band",
    "Pest control call-outs for rats by postcode district",
    "Council tax arrears and use of enforcement agents",
    "Electric vehicle charging points installed",
    "Public toilets: opening hours and cleaning costs",
    "Discretionary housing payments awarded",
    "Allotment waiting lists by site",
    "Senior officer salaries and expenses",
    "Complaints received about the waste collection service",
)

EIR_SUBJECTS = (
    "Air quality monitoring data for St Clement's and the High Street",
    "Tree preservation orders and felling applications",
    "Contaminated land register entries",
    "Noise complaints about licensed premises",
    "Recycling rates and contamination of recycling loads",
    "Flood risk assessments for council land",
    "Pesticide and herbicide use in parks",
    "Biodiversity surveys of council allotments",
)

SAR_SUBJECTS = (
    "A copy of all the personal data the council holds about me",
    "My housing file and repairs history",
    "Records of my council tax account and recovery action",
    "Emails between officers that mention me",
    "Notes of my homelessness application",
    "My benefits claim records",
    "CCTV footage of me at the customer service centre",
)

GENERAL_COMPLAINT_SUBJECTS = (
    "Nobody called me back as promised",
    "Rude treatment at the customer service desk",
    "Waited over an hour on the phone",
    "The website form kept failing",
    "Letter sent to the wrong address",
    "Not told what was happening with my case",
)

COMPLAINT_DETAILS = (
    "I have reported this several times and nothing has happened. I want it put right.",
    "I was promised a call back within two days and heard nothing for three weeks.",
    "This has caused me a lot of stress and time off work.",
    "I am unhappy with how I was treated and with the lack of updates.",
)

COMPLIMENT_SUBJECTS = (
    "Thank you to the bin crew",
    "Very helpful officer at Westgate Library",
    "Quick repair, thank you",
    "Thanks for sorting out my council tax so fast",
    "The adviser at the community larder was brilliant",
    "Park looking lovely",
)

COMMENT_SUBJECTS = (
    "Suggestion: text reminders for bin collection days",
    "The new website is easier to use",
    "Please put more benches on Cowley Road",
    "Opening hours at the desk should include Saturdays",
    "More recycling bins in the city centre",
)

RESOLUTIONS = {
    "service_request": (
        "Done: an officer has dealt with it.",
        "Completed and checked by the officer.",
        "Work completed. Thank you for letting us know.",
        "Visited and put right on the day.",
    ),
    "enquiry": (
        "Answered by email with the information asked for.",
        "Explained by phone; the resident is happy with the answer.",
        "Sent the resident the form and how to fill it in.",
    ),
}

FIRST_CONTACT_OUTCOMES = (
    "Resolved at first contact.",
    "Resolved at first contact; signposted to Citizens Advice Oxford for debt advice.",
    "Resolved at first contact; signposted to the community larder.",
    "Resolved at first contact: explained the bill and set up a payment arrangement.",
)

CLOSING_OUTCOMES = {
    "service_request": ("Completed", "Completed", "Completed", "No further action needed"),
    "enquiry": ("Answered", "Answered", "Signposted to another organisation"),
    "compliment": ("Thanks passed on to the officer and their manager",),
    "comment": ("Passed to the service to consider", "Logged for the service review"),
    "complaint": ("Upheld", "Partly upheld", "Not upheld", "Not upheld", "Partly upheld"),
    "foi": (
        "Information provided in full",
        "Information provided in full",
        "Information provided in part: personal data withheld (s40)",
        "Information not held",
        "Refused: cost limit (s12); advice given to narrow the request",
        "Refused: reasonably accessible elsewhere (s21)",
    ),
    "eir": (
        "Information provided in full",
        "Information provided in part: exception reg 12(4)(d) applied",
        "Information not held",
    ),
    "sar": (
        "Personal data provided in full",
        "Personal data provided; third-party information redacted",
    ),
    "foi_internal_review": (
        "Original decision upheld",
        "Original decision upheld",
        "Decision overturned: further information released",
    ),
}

COMPLAINT_RESPONSES = (
    "We have looked into your complaint, apologised, and put it right.",
    "We have investigated and found the service was delivered as expected; here is why.",
    "We accept we got some things wrong and have explained what we will do differently.",
)

ESCALATION_REASONS = (
    "I am not happy with the stage 1 response: the problem is still not fixed.",
    "The stage 1 reply did not answer my main point.",
    "I want a senior officer to review this.",
)

NOTES = (
    "Called the resident to confirm the details.",
    "Checked the round sheet: the crew reported the bin was not out.",
    "Contractor booked.",
    "Spoke to the team leader; they will chase it today.",
    "Photos reviewed.",
    "Resident has a vulnerability flag: call before visiting.",
    "Duplicate report from a neighbour linked here.",
)

MESSAGES_OUT = (
    "Thank you for your report. An officer will visit this week.",
    "We have passed this to the crew and will update you when it is done.",
    "Could you tell us a good time to call you?",
)

MESSAGES_IN = (
    "Thank you. Please knock loudly, the bell does not work.",
    "Still waiting, can you tell me when someone will come?",
    "That's fine, thanks for the update.",
)

CLARIFICATION_NOTES = {
    "service_request": "Asked the resident for the exact location and a photo.",
    "enquiry": "Asked the resident which account this is about.",
    "foi": "Asked the requester to clarify which years and which services they mean.",
    "eir": "Asked the requester to clarify the area and the period.",
    "sar": "Asked the requester which services and which years they want searched.",
    "foi_internal_review": "Asked the requester which parts of the response they dispute.",
}

FEES_NOTICE = "Fees notice issued for the cost of copying and postage of the records."
IDENTITY_NOTE = "Asked for proof of identity and address before we search for the data."

EXTENSION_REASONS = {
    "foi": "We need more time to consider the public interest in releasing the information.",
    "eir": "The request is complex and voluminous.",
    "sar": "The request is complex: it covers records held by several services.",
    "foi_internal_review": "This review is exceptionally complex.",
    "complaint": "We need to visit the property and speak to the contractor before we reply.",
}

ACCESSIBILITY_NEEDS = (
    "Large print letters (18 point).",
    "Uses a screen reader: send plain-text emails, not scanned letters.",
    "British Sign Language interpreter for appointments.",
    "Easy Read versions of letters, please.",
    "Hearing loss: use Relay UK or text, not voice calls.",
    "Dyslexia: prefers a phone call to explain letters.",
    "Wheelchair user: ground-floor meeting rooms only.",
    "Memory difficulties: please confirm appointments in writing and by phone.",
    "Autistic: give clear times for visits and avoid short-notice changes.",
    "Partially sighted: call before sending forms.",
)

VULNERABILITIES = (
    "Lives alone and was recently bereaved; may struggle with paperwork.",
    "Long-term health condition affected by cold and damp; heating is essential.",
    "Fleeing domestic abuse: do not share address; use the safe contact number only.",
    "Care leaver aged under 25; has a personal adviser.",
    "Severe mental health condition; agreed to a named contact officer.",
    "Frail and elderly; has a carer who visits twice a day.",
    "Financial hardship and rent arrears; referred for debt advice.",
    "Learning disability; needs information explained in person.",
)

VULNERABILITY_PURPOSE = (
    "To prioritise this resident's repairs and requests and to contact them in a way that "
    "works for them."
)
VULNERABILITY_LAWFUL_BASIS = (
    "UK GDPR Art 6(1)(e) public task; Art 9(2)(g) substantial public interest "
    "(DPA 2018 Sch 1 para 18, safeguarding of individuals at risk)"
)
