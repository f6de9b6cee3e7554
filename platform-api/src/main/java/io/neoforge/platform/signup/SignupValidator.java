package io.neoforge.platform.signup;

import io.neoforge.api.v1alpha1.tenant.TenantNames;
import io.neoforge.platform.problem.FieldError;
import io.neoforge.platform.problem.ProblemException;
import io.neoforge.platform.problem.ProblemType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** The request's own rules. Tenant names are judged by {@link TenantNames}, the rules the CRD is built from. */
final class SignupValidator {

    static final int MAX_DISPLAY_NAME = 200;
    static final int MAX_EMAIL = 253;
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

    private SignupValidator() {}

    static void validate(SignupRequest request) {
        if (request == null) {
            throw ProblemException.validation(List.of(
                    new FieldError("", "a JSON body with name, displayName, " + "adminEmail and plan is required")));
        }
        List<FieldError> errors = new ArrayList<>();
        Optional<String> nameProblem =
                blank(request.name()) ? Optional.of("is required") : TenantNames.problem(request.name());
        boolean reserved =
                nameProblem.filter(TenantNames.MESSAGE_RESERVED::equals).isPresent();
        if (nameProblem.isPresent() && !reserved) {
            errors.add(new FieldError("name", withoutFieldPrefix(nameProblem.get())));
        }
        if (blank(request.displayName())) {
            errors.add(new FieldError("displayName", "is required"));
        } else if (request.displayName().length() > MAX_DISPLAY_NAME) {
            errors.add(new FieldError("displayName", "must be at most " + MAX_DISPLAY_NAME + " characters long"));
        }
        if (blank(request.adminEmail())) {
            errors.add(new FieldError("adminEmail", "is required"));
        } else if (request.adminEmail().length() > MAX_EMAIL
                || !EMAIL.matcher(request.adminEmail()).matches()) {
            errors.add(new FieldError("adminEmail", "must be an e-mail address"));
        }
        if (blank(request.plan())) {
            errors.add(new FieldError("plan", "is required"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
        if (reserved) {
            throw new ProblemException(
                    ProblemType.NAME_RESERVED,
                    "tenant name '" + request.name() + "' is reserved: "
                            + withoutFieldPrefix(TenantNames.MESSAGE_RESERVED));
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    /** TenantNames' messages start with the CRD field ("metadata.name: "); here the field is "name". */
    private static String withoutFieldPrefix(String message) {
        int colon = message.indexOf(": ");
        return colon < 0 ? message : message.substring(colon + 2);
    }
}
